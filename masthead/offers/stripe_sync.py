"""An offer at Stripe: one Coupon (the terms) and one Promotion Code (the code readers type).

Each is made once. The coupon's id is ours (``masthead-offer-<pk>``), so a
retry after a lost answer finds the coupon Stripe made instead of making a
second; a promotion code Stripe already holds for our coupon and code is
adopted likewise. Any Stripe failure leaves the offer saved and marked "not
yet at Stripe" with the reason; the next save, or ``masthead
offers_to_stripe``, tries again.
"""

from __future__ import annotations

import logging

import stripe
from django.conf import settings

from masthead.offers.models import Offer
from masthead.offers.rules import Duration

log = logging.getLogger(__name__)


def stripe_in_use() -> bool:
    return settings.MASTHEAD_PAYMENT_PROVIDER == "stripe" and bool(
        settings.MASTHEAD_STRIPE_SECRET_KEY
    )


def coupon_id(offer: Offer) -> str:
    return f"masthead-offer-{offer.pk}"


def coupon_params(offer: Offer, products: list[str]) -> dict:
    params: dict = {
        "id": coupon_id(offer),
        "name": offer.name[:40],
        "duration": offer.duration,
        "metadata": {"masthead_offer_id": str(offer.pk)},
    }
    if offer.percent_off is not None:
        params["percent_off"] = float(offer.percent_off)
    else:
        params["amount_off"] = offer.amount_off_pence
        params["currency"] = "gbp"
    if offer.duration == Duration.REPEATING:
        params["duration_in_months"] = offer.duration_in_months
    if offer.max_redemptions is not None:
        params["max_redemptions"] = offer.max_redemptions
    if offer.ends_at is not None:
        params["redeem_by"] = int(offer.ends_at.timestamp())
    if products:
        params["applies_to"] = {"products": products}
    return params


def _products(client, offer: Offer) -> list[str]:
    """The Stripe products of the offer's plans (none: the coupon is for every plan)."""
    products = []
    for plan in offer.plans.all():
        if not plan.stripe_price_id:
            raise ValueError(f"the plan “{plan.name}” has no Stripe price id")
        price = client.v1.prices.retrieve(plan.stripe_price_id)
        product = price.product if isinstance(price.product, str) else price.product.id
        if product not in products:
            products.append(product)
    return products


def _coupon(client, offer: Offer) -> str:
    try:
        return client.v1.coupons.create(params=coupon_params(offer, _products(client, offer))).id
    except stripe.InvalidRequestError as error:
        if error.code != "resource_already_exists":
            raise
        return client.v1.coupons.retrieve(coupon_id(offer)).id


def _promotion_code(client, offer: Offer) -> str:
    try:
        promotion = client.v1.promotion_codes.create(
            params={
                "promotion": {"type": "coupon", "coupon": offer.stripe_coupon_id},
                "code": offer.code,
                "active": offer.active,
                "metadata": {"masthead_offer_id": str(offer.pk)},
            }
        )
        return promotion.id
    except stripe.InvalidRequestError:
        held = client.v1.promotion_codes.list(
            params={"code": offer.code, "coupon": offer.stripe_coupon_id, "limit": 1}
        )
        if held.data:
            return held.data[0].id
        raise


def offer_to_stripe(offer: Offer) -> bool:
    """Make the offer's coupon and promotion code at Stripe once, and keep its code's
    active switch in step; True when the offer is at Stripe. Never raises for Stripe."""
    if not stripe_in_use():
        return False
    from masthead.payments.providers.stripe import stripe_client

    client = stripe_client()
    try:
        if not offer.stripe_coupon_id:
            offer.stripe_coupon_id = _coupon(client, offer)
            offer.save(update_fields=["stripe_coupon_id"])
        if not offer.stripe_promotion_code_id:
            offer.stripe_promotion_code_id = _promotion_code(client, offer)
            offer.save(update_fields=["stripe_promotion_code_id"])
        else:
            client.v1.promotion_codes.update(
                offer.stripe_promotion_code_id, params={"active": offer.active}
            )
        offer.stripe_error = ""
    except (stripe.StripeError, ValueError) as error:
        reason = getattr(error, "user_message", None) or str(error) or type(error).__name__
        log.warning("Offer %s is not yet at Stripe: %s", offer.code, reason)
        offer.stripe_error = reason[:500]
    offer.save(update_fields=["stripe_error"])
    return offer.at_stripe


def offers_pending_at_stripe():
    """Offers Stripe has not confirmed, or whose last change it refused."""
    from django.db.models import Q

    return Offer.objects.filter(
        Q(stripe_coupon_id="") | Q(stripe_promotion_code_id="") | ~Q(stripe_error="")
    )
