"""Attack probes for group seats: a reader past the limit tries to read through a group.

A removed seat, a forged or edited invitation, an invitation accepted by an
account that has not verified the address invited, and a seat in a group
whose subscription was cancelled: each gives the teaser only, by every road.
"""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client

from masthead.groups.models import Group, Seat
from masthead.groups.services import INVITATION_SALT, accept, invitation_token, invite, remove
from masthead.paywall.tests.factories import make_reader
from masthead.paywall.tests.test_attack_suite import (
    _probe_every_road,
    assert_teaser_only,
    demo,  # noqa: F401  (fixture)
    demo_targets,  # noqa: F401  (fixture)
    exhausted_account,
    metered,
)
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db


def a_group(seats: int = 5) -> Group:
    plan = Plan.objects.create(name="Branch", price_pence=600, sold_by_seat=True)
    buyer = make_reader("buyer-of-seats@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=plan, provider="demo", quantity=seats
    )
    return Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")


def reads_in_full(browser: Client, target) -> bool:
    return target.withheld[-1][:60] in browser.get(target.article.url).content.decode()


def test_a_removed_seat_gives_nothing(demo):  # noqa: F811
    targets = metered(demo)
    group = a_group()
    member, browser = exhausted_account("member@example.org")
    seat = accept(invitation_token(invite(group, "member@example.org")), member)
    assert reads_in_full(browser, targets[0])  # the seat works, so its removal is what is probed
    remove(group, seat.pk)
    for target in targets[1:8]:
        assert_teaser_only(browser.get(target.article.url), target, "a removed seat")
    _probe_every_road(browser, targets[0])


def test_forged_and_edited_invitations_give_nothing(demo):  # noqa: F811
    targets = metered(demo)
    group = a_group()
    attacker, browser = exhausted_account("attacker@example.org")
    someone_elses = invite(group, "someone@example.org")
    genuine = invitation_token(someone_elses)
    tokens = [
        # forged with another salt, and with the right salt but another key
        signing.dumps({"seat": someone_elses.pk, "email": attacker.email}, salt="x"),
        signing.dumps(
            {"seat": someone_elses.pk, "email": attacker.email}, salt=INVITATION_SALT, key="k" * 50
        ),
        # the genuine token, edited: its payload swapped, its signature cut, a character changed
        signing.dumps({"seat": someone_elses.pk, "email": attacker.email}, salt=INVITATION_SALT)[
            :20
        ]
        + genuine[20:],
        genuine.rsplit(":", 1)[0],
        genuine[:-1] + ("A" if genuine[-1] != "A" else "B"),
    ]
    for token in tokens:
        assert browser.post(f"/groups/invitation/{token}/").status_code == 400, token
    # the genuine token names another address: the attacker cannot take its seat either
    assert browser.post(f"/groups/invitation/{genuine}/").status_code == 400
    assert not Seat.objects.filter(member=attacker).exists()
    for target in targets[:6]:
        assert_teaser_only(browser.get(target.article.url), target, "a forged invitation")


def test_an_invitation_to_an_address_not_verified_gives_nothing(demo):  # noqa: F811
    from allauth.account.models import EmailAddress

    targets = metered(demo)
    group = a_group()
    seat = invite(group, "Invitee@Example.org")
    # An account claims the invited address without verifying it.
    claimer, claiming = exhausted_account("claimer@example.org")
    EmailAddress.objects.create(user=claimer, email="invitee@example.org", verified=False)
    response = claiming.post(f"/groups/invitation/{invitation_token(seat)}/")
    assert response.status_code == 400 and "verify it" in response.content.decode()
    seat.refresh_from_db()
    assert seat.member_id is None
    for target in targets[:6]:
        assert_teaser_only(claiming.get(target.article.url), target, "an unverified address")
    # An account whose own address is invited but not verified cannot accept either.
    _, unverified = exhausted_account("second@example.org", verified=False)
    to_second = invite(group, "second@example.org")
    assert unverified.post(f"/groups/invitation/{invitation_token(to_second)}/").status_code == 400
    to_second.refresh_from_db()
    assert to_second.member_id is None
    for target in targets[6:10]:
        assert_teaser_only(unverified.get(target.article.url), target, "an unverified account")
    # A seat bound without being accepted (written behind our back) grants nothing either.
    Seat.objects.filter(pk=seat.pk).update(member=claimer)
    for target in targets[10:14]:
        assert_teaser_only(claiming.get(target.article.url), target, "a seat never accepted")


def test_a_seat_in_a_cancelled_group_gives_nothing(demo):  # noqa: F811
    targets = metered(demo)
    group = a_group()
    member, browser = exhausted_account("member@example.org")
    accept(invitation_token(invite(group, "member@example.org")), member)
    assert reads_in_full(browser, targets[0])
    subscription = group.subscription
    subscription.status = "canceled"
    subscription.save()
    for target in targets[1:8]:
        assert_teaser_only(browser.get(target.article.url), target, "a cancelled group")
    _probe_every_road(browser, targets[0])
