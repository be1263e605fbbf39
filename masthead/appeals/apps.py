from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "masthead.appeals"
    label = "appeals"
    verbose_name = "Appeals"
