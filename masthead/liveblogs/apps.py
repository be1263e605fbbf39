from django.apps import AppConfig


class LiveBlogsConfig(AppConfig):
    name = "masthead.liveblogs"
    label = "liveblogs"
    verbose_name = "Live blogs"

    def ready(self):
        from masthead.edge.extensions import not_pages
        from masthead.liveblogs.models import running_live_blogs
        from masthead.liveblogs.signals import connect
        from masthead.news.extensions import running_coverage

        connect()
        running_coverage.register(running_live_blogs)  # their cards say "Live"
        not_pages.register("/live/")  # the update address every open blog polls
