"""Changes to subscriptions, whichever provider confirmed the payment.

Upserts are keyed by the provider's id, so the same confirmation applied twice,
or confirmations applied out of order, end in the state the provider holds.

A feature that keeps something of its own beside a subscription (a group for
a plan sold by the seat) registers with :func:`on_subscription_recorded` and
:func:`on_subscription_anonymised` from its ``AppConfig.ready()``, so that
these services, which the feature builds on, do not import it back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.core.registry import Registry
from masthead.subscriptions.changes import Snapshot, subscription_change
from masthead.subscriptions.models import Plan, Subscription

log = logging.getLogger(__name__)

WhenRecorded = Callable[[Subscription], None]

_when_recorded: Registry[WhenRecorded] = Registry("when a subscription is recorded")


def on_subscription_recorded(hook: WhenRecorded) -> WhenRecorded:
    """Call ``hook(subscription)`` each time ``subscription_upsert`` records one.

    The hook runs inside the upsert's transaction, after the record is saved and
    before the reader's letter is queued, so its changes commit or roll back with
    it; it must be idempotent, as confirmations are repeated. Usable as a
    decorator; registering a hook again changes nothing.
    """
    _when_recorded.register(hook)
    return hook


_when_anonymised: Registry[WhenRecorded] = Registry("when a subscription loses its reader")


def on_subscription_anonymised(hook: WhenRecorded) -> WhenRecorded:
    """Call ``hook(subscription)`` for each subscription of a reader deleting their account.

    The hook runs inside :func:`subscriptions_anonymise`'s transaction, before the
    subscription loses its reader, so that a feature can end what it keeps beside
    it. Usable as a decorator; registering a hook again changes nothing.
    """
    _when_anonymised.register(hook)
    return hook


@dataclass(frozen=True)
class SubscriptionState:
    """What the provider says a subscription is now."""

    provider: str
    reference: str
    customer: str
    status: str
    current_period_end: datetime | None
    cancel_at_period_end: bool
    price_id: str = ""
    user_id: int | None = None
    plan_id: int | None = None  # when the provider names our plan rather than its price
    quantity: int | None = None  # seats paid for (Stripe's item quantity); None: left as it is


@transaction.atomic
def subscription_upsert(
    *, state: SubscriptionState, tell_reader: bool = True
) -> Subscription | None:
    """Make our record match the provider's; returns None when no reader can be matched.

    ``tell_reader=False`` records the state without a letter: for subscriptions
    brought over from another service, which the reader already knows about.
    """
    existing = (
        Subscription.objects.select_for_update().filter(provider_reference=state.reference).first()
    )
    user_id = existing.user_id if existing else state.user_id
    if user_id is None:
        from masthead.subscriptions.models import BillingAccount

        account = BillingAccount.objects.filter(stripe_customer_id=state.customer).first()
        user_id = account.user_id if account else None
    if user_id is None or not get_user_model().objects.filter(pk=user_id).exists():
        log.warning("Subscription %s has no reader here; ignored", state.reference)
        return None
    plan = None
    if state.price_id:
        plan = Plan.objects.filter(stripe_price_id=state.price_id).first()
    elif state.plan_id is not None:
        plan = Plan.objects.filter(pk=state.plan_id).first()
    values = {
        "user_id": user_id,
        "status": state.status if state.status in Subscription.Status.values else "incomplete",
        "current_period_end": state.current_period_end,
        "cancel_at_period_end": state.cancel_at_period_end,
        "provider": state.provider,
        "provider_customer": state.customer,
    }
    if plan is not None:
        values.update(plan=plan, plan_name=plan.name)
    if state.quantity is not None and state.quantity >= 1:
        values["quantity"] = state.quantity
    try:
        with transaction.atomic():
            subscription, _ = Subscription.objects.update_or_create(
                provider_reference=state.reference, defaults=values
            )
    except IntegrityError:  # a parallel delivery created it first
        subscription = Subscription.objects.get(provider_reference=state.reference)
        for field, value in values.items():
            setattr(subscription, field, value)
        subscription.save()
    for hook in _when_recorded:
        hook(subscription)
    if tell_reader:
        _tell_the_reader(_snapshot(existing), subscription)
    return subscription


@transaction.atomic
def subscriptions_anonymise(*, user) -> int:
    """A reader's subscriptions, as their account is deleted: ended, and kept without them.

    What still ran ends now, so the revenue page counts it cancelled this month;
    every one stays in the figures (plan, price, seats, when it began) with
    nothing that names the reader or finds them at the provider. One cancelled
    before keeps the day it ended. Call it before deleting the account, once
    the provider has stopped the payments. Returns how many were kept.
    """
    subscriptions = Subscription.objects.filter(user=user)
    for subscription in subscriptions:
        for hook in _when_anonymised:
            hook(subscription)
    subscriptions.exclude(status=Subscription.Status.CANCELED).update(
        status=Subscription.Status.CANCELED, cancel_at_period_end=False, updated_at=timezone.now()
    )
    return subscriptions.update(user=None, provider_customer="", provider_reference=None)


COMPLIMENTARY_PLAN_NAME = "Complimentary"


@transaction.atomic
def complimentary_grant(
    *, user_id: int, reference: str, until: datetime | None, plan_name: str = ""
) -> tuple[Subscription, bool]:
    """A subscription given rather than paid for, keyed by ``reference``; sends no letter.

    Returns the subscription and whether anything changed, so that granting
    the same thing twice (an import run again) changes nothing.
    """
    values = {
        "user_id": user_id,
        "status": Subscription.Status.COMPLIMENTARY,
        "current_period_end": until,
        "cancel_at_period_end": until is not None,
        "provider": "complimentary",
        "plan_name": plan_name or COMPLIMENTARY_PLAN_NAME,
    }
    subscription = (
        Subscription.objects.select_for_update().filter(provider_reference=reference).first()
    )
    if subscription is None:
        return Subscription.objects.create(provider_reference=reference, **values), True
    changed = {k: v for k, v in values.items() if getattr(subscription, k) != v}
    for field, value in changed.items():
        setattr(subscription, field, value)
    if changed:
        subscription.save()
    return subscription, bool(changed)


def _snapshot(subscription: Subscription | None) -> Snapshot | None:
    if subscription is None:
        return None
    return Snapshot(
        status=subscription.status,
        plan_id=subscription.plan_id,
        cancel_at_period_end=subscription.cancel_at_period_end,
    )


def _tell_the_reader(before: Snapshot | None, subscription: Subscription) -> None:
    """A letter for a change the reader must hear of, once the change is committed."""
    change = subscription_change(before, _snapshot(subscription))
    if change is None:
        return
    from masthead.subscriptions.emails import send_subscription_letter

    pk = subscription.pk

    def send():
        current = Subscription.objects.select_related("user", "plan").filter(pk=pk).first()
        if current is not None:
            send_subscription_letter(current, change)

    # robust: a mail server outage is logged; the subscription stays recorded.
    transaction.on_commit(send, robust=True)


def wall_offer_set(
    *, text: str, button: str, first_plan_id: int | None, suggested_pence: int | None, by_user
):
    """Make these the paper's own offer at the wall (a test's winner), saved as a revision."""
    from masthead.subscriptions.wall_offer import the_wall_offer

    with transaction.atomic():
        offer = the_wall_offer()
        offer.text = text
        offer.button = button
        offer.first_plan = Plan.objects.filter(pk=first_plan_id).first() if first_plan_id else None
        offer.suggested_pence = suggested_pence
        offer.full_clean()
        offer.save()
        offer.save_revision(user=by_user, log_action=True)
    return offer
