from django.apps import AppConfig


class GiftsConfig(AppConfig):
    """Gift links: a subscriber sends a friend one story to read in full."""

    name = "masthead.gifts"

    def ready(self):
        from masthead.edge.extensions import personal_parameters
        from masthead.gifts import signals  # noqa: F401
        from masthead.gifts.links import GIFT_PARAMETER
        from masthead.gifts.reading import gift_for
        from masthead.paywall.extensions import gifts

        gifts.register(gift_for)  # a gift link opens its story for the access decision
        # A page reached by a gift link is its holder's: never kept, never shared downstream.
        personal_parameters.register(GIFT_PARAMETER)
