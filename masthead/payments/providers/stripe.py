"""Stripe: Checkout for payments, the Billing portal for changes, webhooks for the truth.

Uses stripe-python's StripeClient. ``MASTHEAD_STRIPE_API_BASE`` points it at
another address (the tests' local stand-in for Stripe's API).
"""

from __future__ import annotations

import logging
from collections.abc import Collection

import stripe
from django.conf import settings

from masthead.payments.providers.base import (
    DonationCheckout,
    PaymentProvider,
    ProviderRefused,
    SubscriptionCheckout,
)

log = logging.getLogger(__name__)

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


class StripeProvider(PaymentProvider):
    name = "stripe"

    def start_subscription_checkout(self, checkout: SubscriptionCheckout) -> str:
        from masthead.offers.checkout import add_offer_and_trial
        from masthead.subscriptions.models import Plan

        plan = Plan.objects.get(pk=checkout.plan_id)
        params = add_offer_and_trial(
            {
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
            },
            trial_days=checkout.trial_days,
            offer_id=checkout.offer_id,
        )
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
