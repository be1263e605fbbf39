from django.apps import AppConfig


class GiftsConfig(AppConfig):
    """Gift links: a subscriber sends a friend one story to read in full."""

    name = "masthead.gifts"

    def ready(self):
        from masthead.gifts import signals  # noqa: F401
