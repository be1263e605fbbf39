"""Stripe webhooks: verified, recorded by event id, mapped to services.

Stripe delivers events at least once, in no guaranteed order, sometimes in
parallel. So: the signature is checked before anything else (a bad or missing
one is a 400 and changes nothing); the event id is recorded in the same
transaction as its effects (a replay finds it and does nothing); and handlers
do not trust the event's snapshot of a subscription but fetch its current
state from Stripe and upsert it by Stripe id, so an old event arriving late
cannot undo a newer one. If a handler fails, the transaction rolls back and
the 500 makes Stripe retry.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from masthead.payments.models import StripeEvent
from masthead.payments.providers.stripe import (
    cancel_at_stripe,
    stripe_client,
    subscription_state,
    whole_number,
)
from masthead.subscriptions.services import subscription_upsert

log = logging.getLogger(__name__)


class BadWebhook(Exception):
    """The request is not a genuine Stripe event."""


def verified_event(payload: bytes, signature: str | None) -> dict:
    secret = settings.MASTHEAD_STRIPE_WEBHOOK_SECRET
    if not secret:
        raise BadWebhook("No webhook secret is configured.")
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, tolerance=300)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise BadWebhook(str(error)) from error
    if not isinstance(event, dict) or not {"id", "type", "data"} <= event.keys():
        raise BadWebhook("Not an event.")
    return event


def current_subscription(subscription_id: str, fallback: dict | None = None) -> dict | None:
    """Stripe's state now; the event's copy only when Stripe no longer has it."""
    try:
        return stripe_client().v1.subscriptions.retrieve(subscription_id).to_dict()
    except stripe.InvalidRequestError as error:
        if error.http_status == 404:
            return fallback
        raise


def sync_subscription(
    subscription_id: str, *, user_id: int | None = None, fallback=None, tell_reader: bool = True
):
    """Record Stripe's current state of a subscription; returns our record, or None."""
    subscription = current_subscription(subscription_id, fallback)
    if subscription is None:
        return None
    if (subscription.get("metadata") or {}).get("kind") == "donation":
        return None  # monthly donations are recorded per paid invoice
    return subscription_upsert(
        state=subscription_state(subscription, user_id), tell_reader=tell_reader
    )


def _invoice_subscription_id(invoice: dict) -> str | None:
    parent = (invoice.get("parent") or {}).get("subscription_details") or {}
    return parent.get("subscription") or invoice.get("subscription")


def on_checkout_completed(session: dict) -> None:
    metadata = session.get("metadata") or {}
    if metadata.get("kind") == "donation":
        if session.get("mode") == "payment" and session.get("payment_status") == "paid":
            from masthead.appeals.services import donation_record

            donation_record(
                campaign_id=int(metadata["campaign_id"]),
                amount_pence=int(session["amount_total"]),
                currency=str(session.get("currency", "gbp")).upper(),
                monthly=False,
                email=(session.get("customer_details") or {}).get("email")
                or metadata.get("email", ""),
                user_id=whole_number(metadata.get("masthead_user_id")),
                provider="stripe",
                reference=session.get("payment_intent") or session["id"],
            )
        return
    if session.get("mode") == "subscription" and session.get("subscription"):
        if not _first_completion(session):
            return
        subscription = sync_subscription(
            session["subscription"], user_id=whole_number(session.get("client_reference_id"))
        )
        if subscription is not None and _second_trial(subscription):
            subscription = _refuse_second_trial(subscription)
        if subscription is not None:
            from masthead.offers.services import redemption_from_stripe_session

            redemption_from_stripe_session(session, subscription)  # an offer's code, if one


def _first_completion(session: dict) -> bool:
    """Note the session as completed; False when it was before: one completion acts once."""
    key = f"checkout:{session['id']}"
    if StripeEvent.objects.filter(event_id=key).exists():
        log.info("Checkout session %s completed before; nothing done", session["id"])
        return False
    StripeEvent.objects.create(event_id=key, type="checkout.session.completed")
    return True


def _second_trial(subscription) -> bool:
    from masthead.offers.services import had_subscription_before

    return subscription.status == "trialing" and had_subscription_before(
        user_id=subscription.user_id, reference=subscription.provider_reference
    )


def _refuse_second_trial(subscription):
    """End at once, before any payment, a trial the reader had already had (one per reader).

    Two Checkout sessions opened before either completed both carry a trial.
    Ending the trial early would charge the card on a day the reader was told
    it would not be; so the second subscription is cancelled while it has
    cost nothing, and the reader's letter says it has ended.
    """
    log.warning(
        "Reader %s had a trial already: subscription %s cancelled before any payment",
        subscription.user_id,
        subscription.provider_reference,
    )
    cancel_at_stripe(subscription.provider_reference)
    return sync_subscription(subscription.provider_reference)


def on_subscription_changed(subscription: dict) -> None:
    sync_subscription(subscription["id"], fallback=subscription)


def on_invoice_paid(invoice: dict) -> None:
    subscription_id = _invoice_subscription_id(invoice)
    if not subscription_id:
        return
    subscription = current_subscription(subscription_id) or {}
    metadata = subscription.get("metadata") or {}
    if metadata.get("kind") == "donation":
        from masthead.appeals.services import donation_record

        donation_record(
            campaign_id=int(metadata["campaign_id"]),
            amount_pence=int(invoice["amount_paid"]),
            currency=str(invoice.get("currency", "gbp")).upper(),
            monthly=True,
            email=metadata.get("email") or invoice.get("customer_email", ""),
            user_id=whole_number(metadata.get("masthead_user_id")),
            provider="stripe",
            reference=invoice["id"],
            recurring_reference=subscription_id,
        )
    elif subscription:
        subscription_upsert(state=subscription_state(subscription))


def on_invoice_payment_failed(invoice: dict) -> None:
    subscription_id = _invoice_subscription_id(invoice)
    if not subscription_id:
        return
    sync_subscription(subscription_id)
    from masthead.subscriptions.emails import send_payment_failed_notice
    from masthead.subscriptions.models import Subscription

    subscription = Subscription.objects.filter(provider_reference=subscription_id).first()
    if subscription is not None:
        transaction.on_commit(lambda: send_payment_failed_notice(subscription))


def on_customer_deleted(customer: dict) -> None:
    from masthead.subscriptions.models import BillingAccount, Subscription

    # Saved one by one, not updated in bulk: the save is what ends the kept account answers
    # of the reader and, for a group, of its members.
    for subscription in Subscription.objects.filter(
        provider="stripe", provider_customer=customer["id"]
    ).exclude(status=Subscription.Status.CANCELED):
        subscription.status = Subscription.Status.CANCELED
        subscription.save(update_fields=["status", "updated_at"])
    BillingAccount.objects.filter(stripe_customer_id=customer["id"]).update(stripe_customer_id=None)


HANDLERS: dict[str, Callable[[dict], None]] = {
    "checkout.session.completed": on_checkout_completed,
    "customer.subscription.created": on_subscription_changed,
    "customer.subscription.updated": on_subscription_changed,
    "customer.subscription.deleted": on_subscription_changed,
    "invoice.paid": on_invoice_paid,
    "invoice.payment_failed": on_invoice_payment_failed,
    "customer.deleted": on_customer_deleted,
}


def process_event(event: dict) -> bool:
    """Apply a verified event once; returns False when it had been applied already."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event["id"], type=event["type"])
            handler = HANDLERS.get(event["type"])
            if handler is None:
                log.info(
                    "Stripe event %s (%s) acknowledged and ignored", event["id"], event["type"]
                )
            else:
                handler(event["data"]["object"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True
