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
