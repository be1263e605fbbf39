"""Paying for another number of seats, with the provider that bills the group.

Stripe: the subscription item's quantity is changed with proration (the
difference is charged or credited on the next invoice), and Stripe's answer
is recorded at once; the webhook that follows records the same state again.
The demo provider: the new number holds at once, and no money moves.
"""

from __future__ import annotations

import logging

from masthead.payments.providers.base import ProviderRefused

log = logging.getLogger(__name__)


def set_quantity(subscription, quantity: int) -> None:
    """Raises :class:`masthead.groups.services.GroupError` when the provider refuses."""
    from masthead.groups.services import GroupError

    try:
        if subscription.provider == "stripe":
            _stripe(subscription, quantity)
        elif subscription.provider == "demo":
            subscription.quantity = quantity
            subscription.save(update_fields=["quantity", "updated_at"])
        else:
            raise GroupError("The paper sets the seats of this group: write to us to change them.")
    except ProviderRefused as refusal:
        raise GroupError(
            f"{refusal.provider} did not change the seats ({refusal.reason}). Nothing has "
            "changed: please try again in a few minutes."
        ) from None


def _stripe(subscription, quantity: int) -> None:
    import stripe

    from masthead.payments.providers.stripe import stripe_client, subscription_state
    from masthead.subscriptions.services import subscription_upsert

    client = stripe_client()
    try:
        current = client.v1.subscriptions.retrieve(subscription.provider_reference)
        item = current["items"]["data"][0]["id"]
        updated = client.v1.subscriptions.update(
            subscription.provider_reference,
            params={
                "items": [{"id": item, "quantity": quantity}],
                "proration_behavior": "create_prorations",
            },
        )
    except stripe.StripeError as error:
        log.warning("Stripe refused new seats for %s: %s", subscription.provider_reference, error)
        raise ProviderRefused("Stripe", error.user_message or "Stripe refused") from error
    subscription_upsert(state=subscription_state(updated.to_dict()), tell_reader=False)
