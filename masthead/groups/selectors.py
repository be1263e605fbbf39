"""What /account/ shows of groups: plain values for the templates, a few queries each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from masthead.groups.models import Group, Seat
from masthead.groups.rules import Taken, seat_grants
from masthead.groups.seats import seat_rank, taken


@dataclass(frozen=True)
class Bought:
    group: Group  # unsaved (no pk) while the subscription has no group row yet
    seats: list  # live seats: members and invitations, oldest first
    taken: Taken
    quantity: int
    price_pence: int  # a seat's price
    total_pence: int  # a period's price for every seat
    interval: str  # "monthly", "yearly"
    provider: str
    subscription_id: int

    @property
    def free(self) -> int:
        return max(0, self.quantity - self.taken.seats)

    @property
    def can_change_seats(self) -> bool:
        return self.provider in ("stripe", "demo")

    @property
    def key(self) -> str:
        """What the page's ids and anchor name the group by."""
        return str(self.group.pk) if self.group.pk else f"new-{self.subscription_id}"

    def _change_url(self, action: str) -> str:
        if self.group.pk:
            return reverse(f"groups:{action}", args=[self.group.pk])
        return reverse("groups:first_change", args=[self.subscription_id, action])

    @property
    def invite_url(self) -> str:
        return self._change_url("invite")

    @property
    def seats_url(self) -> str:
        return self._change_url("seats")

    @property
    def rename_url(self) -> str:
        return self._change_url("rename")


@dataclass(frozen=True)
class Held:
    seat: Seat
    group_name: str
    buyer: str
    grants: bool


def groups_bought(user) -> list[Bought]:
    """The groups the reader pays for; read only, a group not yet made shown as it will be."""
    from masthead.groups.services import group_name_for, group_subscriptions

    subscriptions = list(group_subscriptions(user))
    groups = {
        group.subscription_id: group
        for group in Group.objects.filter(subscription__in=[s.pk for s in subscriptions])
    }
    bought = []
    for subscription in subscriptions:
        group = groups.get(subscription.pk)
        if group is None:
            group = Group(subscription=subscription, name=group_name_for(subscription))
        price = subscription.plan.price_pence if subscription.plan else 0
        bought.append(
            Bought(
                group=group,
                seats=list(
                    Seat.objects.filter(group=group, removed_at__isnull=True).order_by(
                        "invited_at", "pk"
                    )
                )
                if group.pk
                else [],
                taken=taken(group.pk) if group.pk else Taken(members=0, invitations=0),
                quantity=subscription.quantity,
                price_pence=price,
                total_pence=price * subscription.quantity,
                interval=subscription.plan.get_interval_display() if subscription.plan else "",
                provider=subscription.provider,
                subscription_id=subscription.pk,
            )
        )
    return bought


def seats_held(user, *, now: datetime) -> list[Held]:
    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    held = []
    seats = Seat.objects.filter(
        member=user, accepted_at__isnull=False, removed_at__isnull=True
    ).select_related("group__subscription__user")
    for seat in seats:
        subscription = seat.group.subscription
        held.append(
            Held(
                seat=seat,
                group_name=seat.group.name,
                buyer=str(subscription.user),
                grants=seat_grants(
                    status=subscription.status,
                    current_period_end=subscription.current_period_end,
                    quantity=subscription.quantity,
                    rank=seat_rank(seat.group_id, seat.pk),
                    now=now,
                    grace=grace,
                ),
            )
        )
    return held


def invitations_for(user) -> list[tuple[Seat, str]]:
    """Invitations waiting for one of the reader's verified addresses, with their accept links."""
    from allauth.account.models import EmailAddress

    from masthead.groups.services import invitation_path

    addresses = [
        a.lower()
        for a in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    if not addresses:
        return []
    seats = (
        Seat.objects.filter(email__in=addresses, member__isnull=True, removed_at__isnull=True)
        .exclude(group__subscription__user=user)
        .select_related("group")
    )
    return [(seat, invitation_path(seat)) for seat in seats]


def seats_export(user) -> list[dict]:
    """The reader's seats, for their data export: held in others' groups, and given in theirs."""
    held = Seat.objects.filter(member=user).select_related("group")
    given = Seat.objects.filter(group__subscription__user=user).select_related("group")

    def row(seat: Seat, role: str) -> dict:
        return {
            "group": seat.group.name,
            "role": role,
            "email": seat.email,
            "invited_at": seat.invited_at.isoformat(),
            "accepted_at": seat.accepted_at.isoformat() if seat.accepted_at else None,
            "removed_at": seat.removed_at.isoformat() if seat.removed_at else None,
        }

    return [row(seat, "member") for seat in held] + [row(seat, "buyer") for seat in given]
