"""The demo provider: checkouts complete on a local page, and no money moves.

It exists so the paper can be tried end to end without a Stripe account. Every
page it touches says so, and the production settings refuse it. The checkout
details travel in a signed, expiring token, so a reader cannot change the
amount or the plan between starting and confirming.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import asdict

from django.core import signing
from django.urls import reverse

from masthead.payments.providers.base import (
    DonationCheckout,
    PaymentProvider,
    SubscriptionCheckout,
)

TOKEN_SALT = "masthead.payments.demo-checkout"
TOKEN_MAX_AGE = 3600


def read_token(token: str) -> dict:
    """The checkout a token stands for; raises signing.BadSignature when forged or stale."""
    return signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)


class DemoProvider(PaymentProvider):
    name = "demo"
    moves_money = False

    def _checkout_url(self, kind: str, checkout) -> str:
        # Each checkout its own, as at Stripe: two opened in the same second differ.
        checkout_id = secrets.token_urlsafe(12)
        token = signing.dumps(
            {"kind": kind, "id": checkout_id, **asdict(checkout)}, salt=TOKEN_SALT
        )
        return reverse("payments:demo-checkout", args=[token])

    def start_subscription_checkout(self, checkout: SubscriptionCheckout) -> str:
        return self._checkout_url("subscription", checkout)

    def start_donation_checkout(self, checkout: DonationCheckout) -> str:
        return self._checkout_url("donation", checkout)

    def billing_portal_url(self, *, user_id: int, return_url: str) -> str:
        return reverse("payments:demo-portal")

    def stop_recurring(self, *, user_id: int, references: Collection[str]) -> list[str]:
        # The demo's standing payments live only in our own records: they stop there.
        return sorted(references)
