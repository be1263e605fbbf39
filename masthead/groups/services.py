"""What the buyer and the members do: invite, remove, reassign, accept, change the seats.

Each change that could let one more reader in locks the group's row first,
so that two invitations, or an invitation and a cut in seats, cannot both
pass the count. Bad input raises :class:`GroupError` with a sentence for the
reader, and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from masthead.groups.models import Group, Seat
from masthead.groups.rules import (
    SeatCountError,
    invitation_rate_refusal,
    invitation_refusal,
    seat_change_refusal,
    seat_count,
)
from masthead.groups.seats import taken
from masthead.subscriptions.models import Subscription

INVITATION_SALT = "masthead.groups.invitation"
INVITATION_MAX_AGE = 30 * 24 * 3600  # seconds: an invitation link works for 30 days


class GroupError(Exception):
    """A change refused, with the reason in words a reader understands."""


# -- the group ---------------------------------------------------------------------------------


def group_subscriptions(user):
    """The reader's subscriptions to a plan sold by the seat that have not ended."""
    return (
        Subscription.objects.filter(user=user, plan__sold_by_seat=True)
        .exclude(status__in=[Subscription.Status.CANCELED, Subscription.Status.INCOMPLETE])
        .select_related("plan")
        .order_by("-created_at")
    )


def group_name_for(subscription: Subscription) -> str:
    """The name a group starts with, until its buyer renames it."""
    buyer = subscription.user
    return f"{buyer.get_full_name() or buyer.email}'s group"[:120]


def group_open(*, subscription: Subscription) -> Group:
    """The subscription's group, made if it has none yet.

    Called where a subscription to a plan sold by the seat is recorded (every
    provider's confirmation goes through ``subscription_upsert``), and by the
    buyer's first change to a group recorded before that: /account/ itself
    only reads, and shows a missing group as it will be.
    """
    group = Group.objects.filter(subscription=subscription).first()
    if group is not None:
        return group
    try:
        with transaction.atomic():
            return Group.objects.create(
                subscription=subscription, name=group_name_for(subscription)
            )
    except IntegrityError:  # made by a parallel confirmation or change
        return Group.objects.get(subscription=subscription)


def group_open_for_seats(subscription: Subscription) -> None:
    """Open the group of a subscription to a plan sold by the seat, as it is recorded.

    Registered with ``subscription_upsert`` in ``GroupsConfig.ready()``, so that
    the buyer manages the group from /account/ at once.
    """
    if subscription.plan is not None and subscription.plan.sold_by_seat:
        group_open(subscription=subscription)


def group_close_for_leaving_buyer(subscription: Subscription) -> None:
    """The buyer is deleting their account: the group ends, and its seats' addresses with it.

    Registered with ``subscriptions_anonymise`` in ``GroupsConfig.ready()``; the
    members lose their access on their next request, as when a group lapses.
    """
    Group.objects.filter(subscription=subscription).delete()


def _locked(group: Group) -> Group:
    return Group.objects.select_for_update().select_related("subscription").get(pk=group.pk)


def rename(group: Group, name: str) -> None:
    name = " ".join((name or "").split())
    if not name:
        raise GroupError("Give the group a name: members see it on their account page.")
    if len(name) > 120:
        raise GroupError("The group's name can be at most 120 characters.")
    group.name = name
    group.save(update_fields=["name"])


# -- invitations -------------------------------------------------------------------------------


def invitation_token(seat: Seat) -> str:
    return signing.dumps({"seat": seat.pk, "email": seat.email}, salt=INVITATION_SALT)


def read_invitation(token: str) -> dict:
    """What a token stands for; raises :class:`GroupError` when forged, edited or too old."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise GroupError(
            "This invitation has expired. Ask whoever invited you to send a new one."
        ) from None
    except signing.BadSignature:
        raise GroupError(
            "This invitation link is not valid: check that you copied all of it."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("seat"), int):
        raise GroupError("This invitation link is not valid: check that you copied all of it.")
    return data


def invitation_path(seat: Seat) -> str:
    return reverse("groups:accept", args=[invitation_token(seat)])


def _address(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise GroupError(f"“{email or 'nothing'}” is not an email address.") from None
    return email


def _invite_locked(group: Group, email: str, *, now: datetime) -> Seat:
    from allauth.account.models import EmailAddress

    buyer_id = group.subscription.user_id
    if EmailAddress.objects.filter(user_id=buyer_id, email__iexact=email).exists():
        raise GroupError("That is your own address: you hold a seat in the group already.")
    if Seat.objects.filter(group=group, email=email, removed_at__isnull=True).exists():
        raise GroupError(f"{email} has a seat or an invitation in this group already.")
    quantity = group.subscription.quantity
    sent_last_day = Seat.objects.filter(group=group, invited_at__gt=now - timedelta(days=1))
    refusal = invitation_refusal(quantity=quantity, taken=taken(group.pk))
    refusal = refusal or invitation_rate_refusal(
        sent_last_day=sent_last_day.count(), quantity=quantity
    )
    if refusal:
        raise GroupError(refusal)
    seat = Seat.objects.create(group=group, email=email, invited_at=now)
    transaction.on_commit(lambda: _send_invitation(seat.pk), robust=True)
    return seat


@transaction.atomic
def invite(group: Group, email: str, *, now: datetime | None = None) -> Seat:
    """Keep a seat for ``email`` and send it an invitation with a signed link to accept."""
    email = _address(email)
    return _invite_locked(_locked(group), email, now=now or timezone.now())


def _send_invitation(seat_id: int) -> None:
    from masthead.groups.emails import send_invitation

    seat = Seat.objects.select_related("group__subscription__user").filter(pk=seat_id).first()
    if seat is not None and seat.removed_at is None:
        send_invitation(seat, invitation_path(seat))


@transaction.atomic
def remove(group: Group, seat_id: int, *, now: datetime | None = None) -> Seat:
    """End a member's seat, or withdraw an invitation: access ends at once."""
    group = _locked(group)
    seat = Seat.objects.filter(group=group, pk=seat_id, removed_at__isnull=True).first()
    if seat is None:
        raise GroupError("That seat has been freed already.")
    seat.removed_at = now or timezone.now()
    seat.save(update_fields=["removed_at"])
    return seat


@transaction.atomic
def reassign(group: Group, seat_id: int, email: str, *, now: datetime | None = None) -> Seat:
    """Give a seat to someone else: the member's access ends and the new address is invited."""
    email = _address(email)
    now = now or timezone.now()
    remove(group, seat_id, now=now)
    return _invite_locked(_locked(group), email, now=now)


# -- accepting ---------------------------------------------------------------------------------


def invited_seat(token: str) -> Seat:
    """The live seat a token invites to; raises :class:`GroupError` otherwise."""
    data = read_invitation(token)
    seat = (
        Seat.objects.select_related("group__subscription__user")
        .filter(pk=data["seat"], email=str(data.get("email", "")).lower())
        .first()
    )
    if seat is None or seat.removed_at is not None:
        raise GroupError("This invitation has been withdrawn.")
    return seat


def has_verified(user, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def accept(token: str, user, *, now: datetime | None = None) -> Seat:
    """Bind the invited seat to ``user``, whose verified address must be the one invited."""
    seat = invited_seat(token)
    seat = Seat.objects.select_for_update().select_related("group__subscription").get(pk=seat.pk)
    if seat.removed_at is not None:
        raise GroupError("This invitation has been withdrawn.")
    if seat.member_id == user.pk:
        return seat
    if seat.member_id is not None:
        raise GroupError("This invitation has been accepted already.")
    if not has_verified(user, seat.email):
        raise GroupError(
            f"This invitation is for {seat.email}. Add that address to your account and "
            "verify it, then follow the invitation link again."
        )
    if seat.group.subscription.user_id == user.pk:
        raise GroupError("You bought this group's subscription: you hold a seat already.")
    if Seat.objects.filter(group=seat.group, member=user, removed_at__isnull=True).exists():
        raise GroupError("You hold a seat in this group already.")
    seat.member = user
    seat.accepted_at = now or timezone.now()
    seat.save(update_fields=["member", "accepted_at"])
    return seat


# -- the number of seats -----------------------------------------------------------------------


@transaction.atomic
def change_seats(group: Group, value) -> int:
    """Pay for another number of seats; refused while more seats are taken than that."""
    try:
        quantity = seat_count(value)
    except SeatCountError as error:
        raise GroupError(str(error)) from None
    group = _locked(group)
    subscription = group.subscription
    if quantity == subscription.quantity:
        return quantity
    refusal = seat_change_refusal(new_quantity=quantity, taken=taken(group.pk))
    if refusal:
        raise GroupError(refusal)
    from masthead.groups.billing import set_quantity

    set_quantity(subscription, quantity)
    return quantity
