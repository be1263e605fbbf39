"""Who is a subscriber: entitlement follows the subscription's status.

Active and trialing subscriptions grant access; a past-due one keeps access
for the publisher's grace period after the paid-for period ends; cancelled,
unpaid and anything unknown do not. A complimentary subscription is given,
not paid for, so no provider will ever end it: it grants access until its
period ends, or for good when it has no end.
"""

from __future__ import annotations

from datetime import datetime, timedelta

GRANTING = frozenset({"active", "trialing"})


def grants_access(
    *, status: str, current_period_end: datetime | None, now: datetime, grace: timedelta
) -> bool:
    if status in GRANTING:
        return True
    if status == "complimentary":
        return current_period_end is None or now <= current_period_end
    if status == "past_due" and current_period_end is not None:
        return now <= current_period_end + grace
    return False
