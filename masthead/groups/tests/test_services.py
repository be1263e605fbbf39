"""Inviting, reassigning and accepting: what is refused says why and changes nothing."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from masthead.groups.models import Group, Seat
from masthead.groups.services import (
    GroupError,
    accept,
    invitation_token,
    invite,
    reassign,
    remove,
)
from masthead.paywall.tests.factories import make_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    plan = Plan.objects.create(name="Branch", price_pence=600, sold_by_seat=True)
    buyer = make_reader("branch@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=plan, provider="demo", quantity=3
    )
    return Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")


def live(group):
    return sorted(
        Seat.objects.filter(group=group, removed_at__isnull=True).values_list("email", flat=True)
    )


@pytest.mark.parametrize(
    "email, says",
    [
        ("not an address", "not an email address"),
        ("", "not an email address"),
        ("BRANCH@example.org", "your own address"),
    ],
)
def test_bad_invitations_are_refused(group, email, says):
    with pytest.raises(GroupError, match=says):
        invite(group, email)
    assert live(group) == []


def test_an_address_is_invited_once_whatever_its_case(group):
    invite(group, "Alice@Example.org")
    with pytest.raises(GroupError, match="already"):
        invite(group, "alice@example.ORG")
    assert live(group) == ["alice@example.org"]


def test_withdrawn_invitations_count_towards_the_days_cap(group):
    for n in range(10):
        remove(group, invite(group, f"reader{n}@example.org").pk)
    with pytest.raises(GroupError, match="Try again tomorrow"):
        invite(group, "one-more@example.org")
    later = timezone.now() + timedelta(days=1, minutes=1)
    assert invite(group, "one-more@example.org", now=later).email == "one-more@example.org"


def test_a_reassignment_to_a_bad_address_keeps_the_member(group):
    alice = make_reader("alice@example.org")
    seat = accept(invitation_token(invite(group, "alice@example.org")), alice)
    with pytest.raises(GroupError):
        reassign(group, seat.pk, "nobody")
    with pytest.raises(GroupError, match="your own address"):
        reassign(group, seat.pk, "branch@example.org")
    seat.refresh_from_db()
    assert seat.removed_at is None and seat.member == alice
    reassign(group, seat.pk, "carol@example.org")
    assert live(group) == ["carol@example.org"]


def test_accepting_binds_the_verified_address_only(group):
    seat = invite(group, "carol@example.org")
    token = invitation_token(seat)
    carol = make_reader("carol.other@example.org")
    EmailAddress.objects.create(user=carol, email="Carol@Example.org", verified=False)
    with pytest.raises(GroupError, match="verify it"):
        accept(token, carol)
    EmailAddress.objects.filter(user=carol, email="Carol@Example.org").update(verified=True)
    assert accept(token, carol).member == carol
    assert accept(token, carol).member == carol  # following the link again changes nothing
    thief = make_reader("thief@example.org")
    with pytest.raises(GroupError, match="accepted already"):
        accept(token, thief)


def test_a_withdrawn_invitation_cannot_be_accepted(group):
    carol = make_reader("carol@example.org")
    seat = invite(group, "carol@example.org")
    remove(group, seat.pk)
    with pytest.raises(GroupError, match="withdrawn"):
        accept(invitation_token(seat), carol)
    assert Seat.objects.get(pk=seat.pk).member is None


def test_the_buyer_cannot_take_a_second_seat(group):
    buyer = group.subscription.user
    seat = Seat.objects.create(group=group, email="other@example.org", invited_at=timezone.now())
    EmailAddress.objects.create(user=buyer, email="other@example.org", verified=True)
    with pytest.raises(GroupError, match="bought this group"):
        accept(invitation_token(seat), buyer)
