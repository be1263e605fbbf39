"""Who holds a seat in a group subscription that grants access now."""

from __future__ import annotations


def holds_seat(user_id: int, *, now) -> bool:
    """Whether the account holds a seat in a group subscription that grants access at ``now``.

    Not built yet: no account holds a seat.
    """
    return False
