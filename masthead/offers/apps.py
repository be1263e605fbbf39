from django.apps import AppConfig


class OffersConfig(AppConfig):
    """Offers and trials: money off a plan, by code or by link, through Stripe's coupons."""

    name = "masthead.offers"
