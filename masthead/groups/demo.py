"""The demo's group subscription: a plan sold by the seat, and a union branch that bought three."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.groups.models import Group, Seat
from masthead.subscriptions.models import Plan, Subscription

BUYER = ("branch@example.com", "Bea", "Branch")
MEMBER = ("member@example.com", "Mo", "Member")
INVITED = "colleague@example.com"  # invited, not yet registered


def _account(email: str, first: str, last: str, password: str):
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def create_demo_groups(*, password: str) -> None:
    """The "Newsroom and union branch" plan; Bea's three seats: hers, Mo's and one invitation."""
    plan, _ = Plan.objects.get_or_create(
        name="Newsroom and union branch",
        defaults={
            "price_pence": 600,
            "interval": Plan.Interval.MONTH,
            "sold_by_seat": True,
            "sort_order": 3,
            "description": "For a newsroom, a union branch or a class: one bill, a seat "
            "for each reader, members invited by email and changed at any time.",
        },
    )
    buyer = _account(*BUYER, password)
    member = _account(*MEMBER, password)
    now = timezone.now()
    subscription, _ = Subscription.objects.get_or_create(
        provider_reference="demo-seed-branch",
        defaults={
            "user": buyer,
            "status": Subscription.Status.ACTIVE,
            "plan": plan,
            "plan_name": plan.name,
            "provider": "demo",
            "quantity": 3,
            "current_period_end": now + timedelta(days=30),
        },
    )
    group, _ = Group.objects.get_or_create(
        subscription=subscription, defaults={"name": "Ardmouth dockers' branch"}
    )
    Seat.objects.get_or_create(
        group=group,
        email=MEMBER[0],
        defaults={"member": member, "invited_at": now, "accepted_at": now},
    )
    Seat.objects.get_or_create(group=group, email=INVITED, defaults={"invited_at": now})
