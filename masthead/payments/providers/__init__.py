"""The payment provider in use: Stripe when its keys are set, the demo provider otherwise."""

from __future__ import annotations

from django.conf import settings

from masthead.payments.providers.base import PaymentProvider


def get_payment_provider() -> PaymentProvider:
    if settings.MASTHEAD_PAYMENT_PROVIDER == "stripe":
        from masthead.payments.providers.stripe import StripeProvider

        return StripeProvider()
    from masthead.payments.providers.demo import DemoProvider

    return DemoProvider()


def payment_provider_named(name: str) -> PaymentProvider:
    """The provider that holds a record made by ``name``, whichever is in use for new payments."""
    from masthead.payments.providers.base import ProviderRefused

    if name == "stripe":
        if not settings.MASTHEAD_STRIPE_SECRET_KEY:
            raise ProviderRefused("Stripe", "Stripe is not configured on this server")
        from masthead.payments.providers.stripe import StripeProvider

        return StripeProvider()
    if name == "demo":
        from masthead.payments.providers.demo import DemoProvider

        return DemoProvider()
    raise ProviderRefused(name, "this payment provider is not known here")
