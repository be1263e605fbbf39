from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from masthead.core.dateline import DATE_LINE, date_line_values
        from masthead.core.pieces import pieces
        from masthead.core.site_address import follow_base_url

        post_migrate.connect(follow_base_url, sender=self)
        pieces.register(DATE_LINE)  # today's date under the masthead, on kept pages too
        pieces.fills(date_line_values)
