"""The seat rules as plain functions: how many seats, who may take one, which seats grant.

The buyer holds one of the seats themselves: they read through the
subscription, which is theirs, and it counts as a seat. So a group of
``quantity`` seats has room for ``quantity - 1`` members, and the smallest
group is two seats (the buyer and one member). Each invitation waiting for
an answer keeps a seat for its address, so a group can never have more
readers than it pays for, however the answers arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from masthead.subscriptions.entitlements import grants_access

MIN_SEATS = 2
MAX_SEATS = 500
BUYERS_SEAT = 1


class SeatCountError(ValueError):
    """A seat count the paper does not sell, with the reason a reader can read."""


@dataclass(frozen=True)
class Taken:
    """The seats in use in a group: the buyer's, the members' and the invitations'."""

    members: int
    invitations: int

    @property
    def seats(self) -> int:
        return BUYERS_SEAT + self.members + self.invitations


def seat_count(value) -> int:
    """The seat count a reader typed, checked; raises :class:`SeatCountError`."""
    try:
        count = int(str(value).strip())
    except (TypeError, ValueError):
        raise SeatCountError("Give the number of seats as a whole number.") from None
    if count < MIN_SEATS:
        raise SeatCountError(
            f"A group needs at least {MIN_SEATS} seats: yours and one for a member."
        )
    if count > MAX_SEATS:
        raise SeatCountError(
            f"A group can have up to {MAX_SEATS} seats; write to us for a larger one."
        )
    return count


def seat_change_refusal(*, new_quantity: int, taken: Taken) -> str | None:
    """Why the group cannot shrink to ``new_quantity`` seats now, or None when it can."""
    if new_quantity >= taken.seats:
        return None
    parts = [f"{taken.members} member{'s' if taken.members != 1 else ''}"]
    if taken.invitations:
        parts.append(
            f"{taken.invitations} invitation{'s' if taken.invitations != 1 else ''} waiting"
        )
    return (
        f"{taken.seats} seats are taken (yours, {' and '.join(parts)}), so the group cannot "
        f"go down to {new_quantity}. Remove members or withdraw invitations first."
    )


def invitation_refusal(*, quantity: int, taken: Taken) -> str | None:
    """Why no one more can be invited now, or None when a seat is free."""
    if taken.seats < quantity:
        return None
    return (
        f"All {quantity} seats are taken. Add seats, or remove a member or withdraw "
        "an invitation first."
    )


def invitation_rate_refusal(*, sent_last_day: int, quantity: int) -> str | None:
    """Why no more invitations go out today, or None: a group's letters are not a mailing list.

    Up to twice the seats a day (10 at least), withdrawn invitations included,
    so that inviting and withdrawing cannot send letters without end.
    """
    if sent_last_day < max(10, 2 * quantity):
        return None
    return (
        f"You have sent {sent_last_day} invitations in the last day: that is as many as a "
        "group can send. Try again tomorrow."
    )


def seat_grants(
    *,
    status: str,
    current_period_end: datetime | None,
    quantity: int,
    rank: int,
    now: datetime,
    grace: timedelta,
) -> bool:
    """Whether an accepted, not removed seat lets its member read now.

    ``rank`` is the seat's place among the group's accepted seats, oldest
    first, from 0. The group's subscription must grant access, and the seat
    must be among those paid for: if the seats were cut behind our back (in
    Stripe's dashboard, say), the members who joined last lose access first.
    """
    if rank < 0 or rank >= quantity - BUYERS_SEAT:
        return False
    return grants_access(status=status, current_period_end=current_period_end, now=now, grace=grace)
