"""A local stand-in for the parts of Stripe's API we use, and webhooks signed as Stripe signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

WEBHOOK_SECRET = "whsec_test_masthead"


def signed(event: dict, secret: str = WEBHOOK_SECRET, at: int | None = None) -> tuple[bytes, str]:
    """The body and Stripe-Signature header Stripe would send for this event."""
    payload = json.dumps(event).encode()
    timestamp = int(at if at is not None else time.time())
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return payload, f"t={timestamp},v1={digest}"


def event(event_id: str, kind: str, obj: dict) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def subscription(
    sub_id: str,
    *,
    status: str,
    user_id: int | None = None,
    customer: str = "cus_1",
    price: str = "price_monthly",
    period_end: int | None = None,
    metadata: dict | None = None,
    cancel_at_period_end: bool = False,
) -> dict:
    meta = dict(metadata or {})
    if user_id is not None:
        meta.setdefault("masthead_user_id", str(user_id))
    end = period_end or int(time.time()) + 30 * 86400
    return {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "metadata": meta,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_1",
                    "object": "subscription_item",
                    "current_period_end": end,
                    "price": {"id": price, "object": "price"},
                }
            ],
        },
    }
