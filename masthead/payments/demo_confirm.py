"""What the demo provider does when a reader confirms: what Stripe's webhooks would do."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from masthead.subscriptions.services import SubscriptionState, subscription_upsert


class CheckoutRefused(Exception):
    """The checkout cannot be confirmed; the message says why, in words a reader can read."""


class CheckoutDone(Exception):
    """The checkout was confirmed before: confirming it again changes nothing."""


CONFIRMED_ALREADY = "This checkout was confirmed already: nothing has changed."


def _reference(token: str) -> str:
    return "demo-" + hashlib.sha256(token.encode()).hexdigest()[:24]


def subscription_checkout_confirmed(token: str) -> bool:
    """Whether the subscription this checkout starts is recorded already."""
    from masthead.subscriptions.models import Subscription

    return Subscription.objects.filter(provider_reference=_reference(token)).exists()


def confirm_demo_checkout(*, checkout: dict, token: str) -> None:
    """Record the payment once per checkout, as Stripe's webhook would.

    A subscription checkout confirmed before raises CheckoutDone and changes
    nothing: the page replayed after a cancellation must not take it back nor
    start the period again. One opened with a trial for a reader who has had a
    subscription since raises CheckoutRefused: one trial per reader, however
    many checkouts were open; the reader is not charged on terms never shown.
    """
    reference = _reference(token)
    if checkout["kind"] == "donation":
        from masthead.appeals.services import donation_record

        donation_record(
            campaign_id=checkout["campaign_id"],
            amount_pence=checkout["amount_pence"],
            currency=checkout["currency"].upper(),
            monthly=checkout["monthly"],
            email=checkout["email"],
            user_id=checkout["user_id"],
            provider="demo",
            reference=reference,
            recurring_reference=reference,
        )
        return
    from masthead.subscriptions.models import Plan

    plan = Plan.objects.get(pk=checkout["plan_id"])
    days = 365 if plan.interval == Plan.Interval.YEAR else 30
    trial_days = int(checkout.get("trial_days") or 0)  # signed into the token, as the offer is
    offer_id = checkout.get("offer_id")
    from masthead.offers.services import TRIAL_USED, had_subscription_before

    with transaction.atomic():
        # The reader's row is locked: two checkouts confirmed at once are taken in turn.
        get_user_model().objects.select_for_update().filter(pk=checkout["user_id"]).first()
        if subscription_checkout_confirmed(token):
            raise CheckoutDone(CONFIRMED_ALREADY)
        if trial_days and had_subscription_before(user_id=checkout["user_id"], reference=reference):
            raise CheckoutRefused(TRIAL_USED)
        if offer_id is not None:
            from masthead.offers.services import offer_hold

            offer_hold(offer_id=offer_id, plan_id=plan.pk, reference=reference)  # or OfferRefused
        subscription = _upsert_subscription(
            checkout, plan, reference, trial_days or days, trial_days
        )
        if offer_id is not None and subscription is not None:
            from masthead.offers.services import redemption_record

            redemption_record(offer_id=offer_id, subscription=subscription)


def _upsert_subscription(checkout: dict, plan, reference: str, days: int, trial_days: int):
    return subscription_upsert(
        state=SubscriptionState(
            provider="demo",
            reference=reference,
            customer=f"demo-customer-{checkout['user_id']}",
            status="trialing" if trial_days else "active",
            current_period_end=timezone.now() + timedelta(days=days),
            cancel_at_period_end=False,
            user_id=checkout["user_id"],
            plan_id=plan.pk,
            quantity=int(checkout.get("quantity") or 1),  # seats, signed into the token
        )
    )


def cancel_demo_subscription(subscription) -> None:
    """The demo portal's "cancel at the end of the period", confirmed as Stripe would confirm it."""
    subscription_upsert(
        state=SubscriptionState(
            provider="demo",
            reference=subscription.provider_reference,
            customer=subscription.provider_customer,
            status=subscription.status,
            current_period_end=subscription.current_period_end,
            cancel_at_period_end=True,
            user_id=subscription.user_id,
        )
    )
