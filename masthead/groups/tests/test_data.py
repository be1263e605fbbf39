"""A reader's seats in their data export, and what leaving does to a group."""

import pytest
from django.test import Client

from masthead.groups.models import Group, Seat
from masthead.groups.services import accept, invitation_token, invite
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    plan = Plan.objects.create(name="Branch", price_pence=600, sold_by_seat=True)
    buyer = make_reader("branch@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=plan, provider="demo", quantity=3
    )
    group = Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")
    accept(invitation_token(invite(group, "alice@example.org")), make_reader("alice@example.org"))
    invite(group, "bob@example.org")
    return group


def exported(email):
    client = Client()
    assert client.login(email=email, password=PASSWORD)
    return client.get("/account/export/").json()["group_seats"]


def test_the_export_has_the_seats_held_and_given(group):
    [held] = exported("alice@example.org")
    assert held["group"] == "Ardmouth NUJ branch" and held["role"] == "member"
    assert held["accepted_at"] and held["removed_at"] is None
    given = exported("branch@example.org")
    assert sorted((s["email"], s["role"]) for s in given) == [
        ("alice@example.org", "buyer"),
        ("bob@example.org", "buyer"),
    ]


def test_a_member_leaving_frees_the_seat_and_the_buyer_leaving_ends_the_group(group):
    alice = Client()
    assert alice.login(email="alice@example.org", password=PASSWORD)
    assert alice.post("/account/delete/", {"confirm_email": "alice@example.org"}).status_code == 200
    assert list(Seat.objects.values_list("email", flat=True)) == ["bob@example.org"]
    branch = Client()
    assert branch.login(email="branch@example.org", password=PASSWORD)
    assert (
        branch.post("/account/delete/", {"confirm_email": "branch@example.org"}).status_code == 200
    )
    assert not Group.objects.exists() and not Seat.objects.exists()


def test_the_privacy_page_says_what_a_group_keeps_and_shows(client):
    page = client.get("/privacy/").content.decode()
    assert "Group subscriptions" in page
    assert "they never see what you read" in page


def test_the_revenue_page_counts_every_seat(group):
    from masthead.subscriptions.revenue import revenue_figures

    figures = revenue_figures()
    assert figures.mrr_pence == 3 * 600  # three seats at £6 a month
    assert figures.subscribers == 1  # the buyer: members read through the group
