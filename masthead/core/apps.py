from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from masthead.core.site_address import follow_base_url

        post_migrate.connect(follow_base_url, sender=self)
