"""Which change to a subscription the reader must hear about: a plain rule on two snapshots.

The provider's confirmations arrive at least once and in any order, so the
rule looks only at what our record said before and says after: the same
confirmation applied twice changes nothing and sends nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

LIVE = frozenset({"active", "trialing", "past_due"})


class Change(enum.Enum):
    STARTED = "started"  # a new subscription is paid for
    CHANGED = "changed"  # another plan, or a cancellation taken back
    CANCELLED = "cancelled"  # ends at the close of the period, or has ended now


@dataclass(frozen=True)
class Snapshot:
    status: str
    plan_id: int | None
    cancel_at_period_end: bool


def subscription_change(before: Snapshot | None, after: Snapshot) -> Change | None:
    was_live = before is not None and before.status in LIVE
    is_live = after.status in LIVE
    if not was_live:
        return Change.STARTED if is_live and after.status != "past_due" else None
    if not is_live:
        # Ended: unless the reader was told already that it would end.
        ended_as_announced = before.cancel_at_period_end and after.status == "canceled"
        return None if ended_as_announced else Change.CANCELLED
    if after.cancel_at_period_end and not before.cancel_at_period_end:
        return Change.CANCELLED
    if before.cancel_at_period_end and not after.cancel_at_period_end:
        return Change.CHANGED
    if before.plan_id is not None and after.plan_id is not None and before.plan_id != after.plan_id:
        return Change.CHANGED
    return None
