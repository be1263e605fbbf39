from django.apps import AppConfig


class BreakingConfig(AppConfig):
    name = "masthead.breaking"
    label = "breaking"
    verbose_name = "Breaking news"

    def ready(self):
        from masthead.breaking import signals
        from masthead.breaking.banner import BREAKING_NEWS, piece_values
        from masthead.breaking.current import is_unlocked
        from masthead.core.pieces import pieces
        from masthead.paywall.extensions import unlocks

        signals.connect()
        pieces.register(BREAKING_NEWS)
        pieces.fills(piece_values)  # the banner and the appeal: one box at a time
        unlocks.register(is_unlocked)  # a public-interest unlock opens its story to everyone
