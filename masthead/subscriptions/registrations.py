"""What subscriptions hand the layers below: who subscribes, and what their changes touch.

- The access service asks whether an account's own subscription grants
  access now (``entitlements.grants_access``), and until when with no change:
  a past-due subscription's grace ends on its own.
- A plan's price or name is on the article variants that offer it: ``rules``.
- The paper's own offer at the wall (``wall_offer``): its words, the plan
  shown first, a suggested gift, read once per change.
- A subscription changed (a checkout, a Stripe webhook): that account's kept kind.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from masthead.core.versions import bump_on_change
from masthead.paywall.extensions import Standing, offer_defaults, own_subscriptions
from masthead.subscriptions.entitlements import grants_access


def own_subscription(user, now: datetime) -> Standing | None:
    from masthead.subscriptions.models import Subscription

    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    granting = [
        (status, end)
        for status, end in Subscription.objects.filter(user=user).values_list(
            "status", "current_period_end"
        )
        if grants_access(status=status, current_period_end=end, now=now, grace=grace)
    ]
    if not granting:
        return None
    lapses = [end + grace for status, end in granting if status == "past_due" and end]
    until = max(lapses) if len(lapses) == len(granting) else None
    return Standing(subscriber=True, until=until)


def register() -> None:
    from masthead.subscriptions.models import Plan, Subscription, WallOffer
    from masthead.subscriptions.wall_offer import TAG, paper_offer

    own_subscriptions.register(own_subscription)
    offer_defaults.register(paper_offer)
    bump_on_change(WallOffer, (TAG,), uid="subscriptions-wall-offer")
    bump_on_change(Plan, ("rules",), uid="subscriptions-plans")
    bump_on_change(
        Subscription, lambda s: (f"account:{s.user_id}",) if s.user_id else (), uid="subscriptions"
    )
