"""Stripe: Checkout for payments, the Billing portal for changes, webhooks for the truth.

Uses stripe-python's StripeClient. ``MASTHEAD_STRIPE_API_BASE`` points it at
another address (the tests' local stand-in for Stripe's API).

A feature that puts something of its own on a subscription's Checkout
session (an offer's promotion code) registers a function with
:func:`add_to_subscription_sessions` from its ``AppConfig.ready()``, so that
the provider does not import the features that build on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import UTC, datetime

import stripe
from django.conf import settings

from masthead.core.registry import Registry
from masthead.payments.providers.base import (
    DonationCheckout,
    PaymentProvider,
    ProviderRefused,
    SubscriptionCheckout,
)
from masthead.subscriptions.services import SubscriptionState

log = logging.getLogger(__name__)

# Adds to a subscription session's params and returns them; may raise ProviderRefused.
SessionAddition = Callable[[dict, SubscriptionCheckout], dict]

_session_additions: Registry[SessionAddition] = Registry("subscription checkout additions")


def add_to_subscription_sessions(addition: SessionAddition) -> SessionAddition:
    """Have ``addition`` shape every subscription Checkout session; usable as a decorator.

    Additions run in the order registered; registering one again changes nothing.
    """
    _session_additions.register(addition)
    return addition


# Statuses in which Stripe may still charge the customer.
CHARGEABLE = frozenset({"active", "trialing", "past_due", "unpaid", "incomplete", "paused"})


def stripe_client() -> stripe.StripeClient:
    base = settings.MASTHEAD_STRIPE_API_BASE
    return stripe.StripeClient(
        settings.MASTHEAD_STRIPE_SECRET_KEY,
        base_addresses={"api": base} if base else None,
        max_network_retries=2,
    )


def customer_for(user_id: int, email: str) -> str:
    """The reader's Stripe customer, created once and remembered."""
    from masthead.subscriptions.models import BillingAccount

    account, _ = BillingAccount.objects.get_or_create(user_id=user_id)
    if not account.stripe_customer_id:
        customer = stripe_client().v1.customers.create(
            params={"email": email, "metadata": {"masthead_user_id": str(user_id)}}
        )
        account.stripe_customer_id = customer.id
        account.save(update_fields=["stripe_customer_id"])
    return account.stripe_customer_id


def whole_number(value) -> int | None:
    """A count or an id Stripe holds as a string or a number; None when it is not one."""
    return int(value) if str(value or "").isdigit() else None


def _timestamp(value) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


def subscription_state(subscription: dict, user_id: int | None = None) -> SubscriptionState:
    """What a Stripe subscription (as Stripe sends or returns it) says, for subscription_upsert."""
    items = (subscription.get("items") or {}).get("data") or [{}]
    first = items[0]
    period_end = subscription.get("current_period_end") or first.get("current_period_end")
    metadata = subscription.get("metadata") or {}
    if user_id is None and str(metadata.get("masthead_user_id", "")).isdigit():
        user_id = int(metadata["masthead_user_id"])
    return SubscriptionState(
        provider="stripe",
        reference=subscription["id"],
        customer=subscription.get("customer") or "",
        status=subscription.get("status", ""),
        current_period_end=_timestamp(period_end),
        cancel_at_period_end=bool(subscription.get("cancel_at_period_end")),
        price_id=((first.get("price") or {}).get("id")) or "",
        user_id=user_id,
        quantity=whole_number(first.get("quantity")),  # seats, for a plan sold by the seat
    )


def cancel_at_stripe(reference: str) -> None:
    """Cancel a subscription at Stripe at once (one it no longer holds is left alone)."""
    StripeProvider._cancel(stripe_client(), reference)


class StripeProvider(PaymentProvider):
    name = "stripe"

    def start_subscription_checkout(self, checkout: SubscriptionCheckout) -> str:
        from masthead.subscriptions.models import Plan

        plan = Plan.objects.get(pk=checkout.plan_id)
        params = {
            "mode": "subscription",
            "customer": customer_for(checkout.user_id, checkout.email),
            "client_reference_id": str(checkout.user_id),
            "line_items": [{"price": plan.stripe_price_id, "quantity": checkout.quantity}],
            "success_url": checkout.success_url,
            "cancel_url": checkout.cancel_url,
            "metadata": {"kind": "subscription", "plan_id": str(plan.pk)},
            "subscription_data": {
                "metadata": {"kind": "subscription", "masthead_user_id": str(checkout.user_id)}
            },
        }
        if checkout.trial_days > 0:
            params["subscription_data"]["trial_period_days"] = checkout.trial_days
        for addition in _session_additions:
            params = addition(params, checkout)
        session = stripe_client().v1.checkout.sessions.create(params=params)
        return session.url

    def start_donation_checkout(self, checkout: DonationCheckout) -> str:
        metadata = {
            "kind": "donation",
            "campaign_id": str(checkout.campaign_id),
            "email": checkout.email,
            "masthead_user_id": str(checkout.user_id or ""),
        }
        price_data = {
            "currency": checkout.currency,
            "unit_amount": checkout.amount_pence,
            "product_data": {"name": "Donation"},
        }
        params = {
            "mode": "subscription" if checkout.monthly else "payment",
            "customer_email": checkout.email,
            "line_items": [{"price_data": price_data, "quantity": 1}],
            "success_url": checkout.success_url,
            "cancel_url": checkout.cancel_url,
            "metadata": metadata,
        }
        if checkout.monthly:
            price_data["recurring"] = {"interval": "month"}
            params["subscription_data"] = {"metadata": metadata}
        else:
            params["payment_intent_data"] = {"metadata": metadata}
        return stripe_client().v1.checkout.sessions.create(params=params).url

    def billing_portal_url(self, *, user_id: int, return_url: str) -> str:
        from masthead.subscriptions.models import BillingAccount

        account = BillingAccount.objects.get(user_id=user_id)
        session = stripe_client().v1.billing_portal.sessions.create(
            params={"customer": account.stripe_customer_id, "return_url": return_url}
        )
        return session.url

    def stop_recurring(self, *, user_id: int, references: Collection[str]) -> list[str]:
        """Cancel at once each subscription we know of and any Stripe holds for the reader."""
        client = stripe_client()
        try:
            found = client.v1.subscriptions.search(
                params={"query": f"metadata['masthead_user_id']:'{int(user_id)}'", "limit": 100}
            )
            wanted = set(references) | {s.id for s in found.data if s.status in CHARGEABLE}
            for reference in sorted(wanted):
                self._cancel(client, reference)
        except stripe.StripeError as error:
            log.warning("Stripe refused to stop the payments of reader %s: %s", user_id, error)
            reason = error.user_message or "Stripe did not confirm the cancellation"
            raise ProviderRefused("Stripe", reason) from error
        return sorted(wanted)

    @staticmethod
    def _cancel(client: stripe.StripeClient, reference: str) -> None:
        try:
            client.v1.subscriptions.cancel(reference)
        except stripe.InvalidRequestError as error:
            if error.http_status == 404:
                return  # Stripe holds no such subscription: nothing can charge
            current = client.v1.subscriptions.retrieve(reference)
            if current.status in CHARGEABLE:
                raise
