from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "masthead.recommendations"
    label = "recommendations"
    verbose_name = "Similar stories"

    def ready(self):
        from masthead.recommendations import signals

        signals.connect()
