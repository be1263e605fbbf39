from django.apps import AppConfig


class OffersConfig(AppConfig):
    """Offers and trials: money off a plan, by code or by link, through Stripe's coupons."""

    name = "masthead.offers"

    def ready(self) -> None:
        from masthead.offers.checkout import add_offer
        from masthead.payments.providers.stripe import add_to_subscription_sessions

        # A Stripe checkout carries the reader's offer, or lets them type a code.
        add_to_subscription_sessions(add_offer)
