"""What a Stripe Checkout session for a subscription carries of offers.

A checkout with an offer passes its promotion code (``discounts``); one
without lets the reader type a code at Stripe (``allow_promotion_codes``)
whenever an offer is on at Stripe. Stripe takes one or the other, never both.
The trial is the provider's own (``SubscriptionCheckout.trial_days``).

:func:`add_offer` is registered with the Stripe provider in
``OffersConfig.ready()``: offers build on the provider, which does not import them back.
"""

from __future__ import annotations

from django.utils import timezone

from masthead.offers.models import Offer
from masthead.payments.providers.base import ProviderRefused, SubscriptionCheckout


def add_offer(params: dict, checkout: SubscriptionCheckout) -> dict:
    """Add the checkout's offer, or the reader's chance to type a code, to ``params``.

    Raises ProviderRefused when the offer is not at Stripe and cannot be put there now.
    """
    if checkout.offer_id is not None:
        offer = Offer.objects.get(pk=checkout.offer_id)
        if not offer.at_stripe:
            from masthead.offers.stripe_sync import offer_to_stripe

            if not offer_to_stripe(offer):
                raise ProviderRefused("Stripe", "this offer cannot be taken up just now")
        params["discounts"] = [{"promotion_code": offer.stripe_promotion_code_id}]
        params.setdefault("metadata", {})["offer_id"] = str(offer.pk)
    elif codes_on_at_stripe():
        params["allow_promotion_codes"] = True
    return params


def codes_on_at_stripe() -> bool:
    """Whether a reader could use a code at Stripe now."""
    from django.db.models import Q

    return (
        Offer.objects.filter(active=True, stripe_error="")
        .exclude(stripe_promotion_code_id="")
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
        .exists()
    )
