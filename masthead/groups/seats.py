"""Who holds a seat in a group subscription that grants access now, and what a group has taken."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from masthead.groups.rules import Taken, seat_grants


def _live_accepted(group_id: int):
    from masthead.groups.models import Seat

    return Seat.objects.filter(
        group_id=group_id, accepted_at__isnull=False, removed_at__isnull=True
    ).order_by("accepted_at", "pk")


def seat_rank(group_id: int, seat_id: int) -> int:
    """The seat's place among its group's accepted seats, oldest first (-1: not among them)."""
    ids = list(_live_accepted(group_id).values_list("pk", flat=True))
    return ids.index(seat_id) if seat_id in ids else -1


def _granting(user_id: int, now) -> list[tuple[str, object]]:
    """The status and period end of each group whose seat lets the account read at ``now``."""
    from masthead.groups.models import Seat

    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    seats = Seat.objects.filter(
        member_id=user_id, accepted_at__isnull=False, removed_at__isnull=True
    ).values_list(
        "pk",
        "group_id",
        "group__subscription__status",
        "group__subscription__current_period_end",
        "group__subscription__quantity",
    )
    return [
        (status, end)
        for seat_id, group_id, status, end, quantity in seats
        if seat_grants(
            status=status,
            current_period_end=end,
            quantity=quantity,
            rank=seat_rank(group_id, seat_id),
            now=now,
            grace=grace,
        )
    ]


def holds_seat(user_id: int, *, now) -> bool:
    """Whether the account holds a seat in a group subscription that grants access at ``now``."""
    return bool(_granting(user_id, now))


def seat_lapses_at(user_id: int, *, now) -> datetime | None:
    """When the account's seats stop granting on their own (a past-due group's grace), or None.

    A kept account answer must end by then: no change is saved, so no tag is bumped.
    """
    granting = _granting(user_id, now)
    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    ends = [end + grace for status, end in granting if status == "past_due" and end]
    ends += [end for status, end in granting if status == "complimentary" and end]
    if not granting or len(ends) < len(granting):
        return None
    return max(ends)


def taken(group_id: int) -> Taken:
    from masthead.groups.models import Seat

    live = Seat.objects.filter(group_id=group_id, removed_at__isnull=True)
    return Taken(
        members=live.filter(accepted_at__isnull=False).count(),
        invitations=live.filter(accepted_at__isnull=True).count(),
    )


def member_ids(group_id: int) -> list[int]:
    """The accounts holding a live seat in the group: whose kept kind a change must end."""
    from masthead.groups.models import Seat

    return list(
        Seat.objects.filter(group_id=group_id, member__isnull=False, removed_at__isnull=True)
        .values_list("member_id", flat=True)
        .distinct()
    )
