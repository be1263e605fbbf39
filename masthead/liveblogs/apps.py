from django.apps import AppConfig


class LiveBlogsConfig(AppConfig):
    name = "masthead.liveblogs"
    label = "liveblogs"
    verbose_name = "Live blogs"

    def ready(self):
        from masthead.liveblogs.signals import connect

        connect()
