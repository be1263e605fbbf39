"""The Business group sees group subscriptions in the admin; writers do not."""

import pytest
from django.contrib.auth.models import Group as Team
from django.test import Client

from masthead.groups.models import Group
from masthead.groups.services import invite
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db
LISTING = "/admin/snippets/reader_groups/group/"


def staff(email: str, team: str) -> Client:
    user = make_reader(email)
    user.groups.add(Team.objects.get(name=team))
    client = Client()
    assert client.login(email=email, password=PASSWORD)
    return client


def test_the_business_group_sees_each_group_its_buyer_and_seats(db):
    plan = Plan.objects.create(name="Branch", price_pence=600, sold_by_seat=True)
    buyer = make_reader("branch@example.org")
    subscription = Subscription.objects.create(
        user=buyer, status="active", plan=plan, provider="demo", quantity=4
    )
    group = Group.objects.create(subscription=subscription, name="Ardmouth NUJ branch")
    invite(group, "alice@example.org")
    page = staff("publisher@example.org", "Business").get(LISTING)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ardmouth NUJ branch" in text and "branch@example.org" in text
    writer = staff("writer@example.org", "Writers").get(LISTING)
    assert writer.status_code in (302, 403)
