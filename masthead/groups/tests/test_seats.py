"""What the paywall asks of seats: who holds one now, and until when the answer holds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.groups.models import Group
from masthead.groups.seats import holds_seat
from masthead.groups.services import accept, invitation_token, invite
from masthead.paywall.accounts import LONGEST, account_of
from masthead.paywall.policy import ReaderKind, Via
from masthead.paywall.tests.factories import make_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db


def group_of(status="active", end=None, quantity=3) -> Group:
    plan = Plan.objects.create(name="Branch", price_pence=600, sold_by_seat=True)
    subscription = Subscription.objects.create(
        user=make_reader("branch@example.org"),
        status=status,
        current_period_end=end,
        plan=plan,
        provider="demo",
        quantity=quantity,
    )
    return Group.objects.create(subscription=subscription, name="Branch")


def member_of(group, email):
    reader = make_reader(email)
    accept(invitation_token(invite(group, email)), reader)
    return reader


def test_a_member_reads_as_a_subscriber_through_the_seat():
    now = timezone.now()
    member = member_of(group_of(), "alice@example.org")
    account, until = account_of(member, now)
    assert account.kind is ReaderKind.SUBSCRIBER and account.via is Via.SEAT
    assert until == now + LONGEST


def test_a_past_due_groups_answer_is_kept_only_until_its_grace_ends(settings):
    now = timezone.now()
    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    end = now - grace + timedelta(hours=1)  # the grace ends in an hour, before LONGEST
    member = member_of(group_of("past_due", end), "alice@example.org")
    account, until = account_of(member, now)
    assert account.kind is ReaderKind.SUBSCRIBER
    assert until == end + grace < now + LONGEST
    later, _ = account_of(member, until + timedelta(seconds=1))
    assert later.kind is ReaderKind.REGISTERED


def test_seats_cut_behind_our_back_cost_the_latest_members_first():
    group = group_of(quantity=3)
    first = member_of(group, "first@example.org")
    second = member_of(group, "second@example.org")
    now = timezone.now()
    assert holds_seat(first.pk, now=now) and holds_seat(second.pk, now=now)
    Subscription.objects.filter(pk=group.subscription_id).update(quantity=2)  # as in Stripe
    assert holds_seat(first.pk, now=now) and not holds_seat(second.pk, now=now)


def test_an_invitation_not_accepted_holds_nothing():
    group = group_of()
    reader = make_reader("carol@example.org")
    invite(group, "carol@example.org")
    assert not holds_seat(reader.pk, now=timezone.now())
    assert account_of(reader)[0].kind is ReaderKind.REGISTERED
