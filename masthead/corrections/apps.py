from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "masthead.corrections"
    label = "corrections"
    verbose_name = "Corrections"

    def ready(self):
        from masthead.corrections.signals import connect

        connect()
