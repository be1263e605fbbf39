"""Who holds a seat in a group subscription that grants access now, and what a group has taken."""

from __future__ import annotations

from datetime import timedelta

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


def holds_seat(user_id: int, *, now) -> bool:
    """Whether the account holds a seat in a group subscription that grants access at ``now``."""
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
    return any(
        seat_grants(
            status=status,
            current_period_end=end,
            quantity=quantity,
            rank=seat_rank(group_id, seat_id),
            now=now,
            grace=grace,
        )
        for seat_id, group_id, status, end, quantity in seats
    )


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
