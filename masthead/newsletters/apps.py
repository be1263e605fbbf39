from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from masthead.newsletters import webhooks  # noqa: F401 - connects anymail's tracking signal
