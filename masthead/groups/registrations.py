"""What group subscriptions hand the access service: a seat reads as a subscriber."""

from __future__ import annotations

from datetime import datetime

from masthead.groups.seats import holds_seat, seat_lapses_at
from masthead.paywall.extensions import Standing, memberships


def seat_standing(user_id: int, now: datetime) -> Standing | None:
    """A seat in a group subscription that grants access now, until its grace ends on its own."""
    if not holds_seat(user_id, now=now):
        return None
    return Standing(seat=True, until=seat_lapses_at(user_id, now=now))


def register() -> None:
    memberships.register(seat_standing)
