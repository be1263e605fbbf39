from django.apps import AppConfig


class EdgeConfig(AppConfig):
    name = "masthead.edge"
    label = "edge"
    verbose_name = "Shared page cache"

    def ready(self):
        from masthead.edge import signals

        signals.connect()
