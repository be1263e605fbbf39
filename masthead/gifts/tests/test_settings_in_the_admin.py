"""The Business group sets the gift link rules in the admin; new links take them at once."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.gifts.models import GiftSettings
from masthead.gifts.selectors import gift_rules
from masthead.gifts.services import gift_create
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

URL = "/admin/settings/gifts/giftsettings/"


def staff(email: str, group: str) -> Client:
    user = make_reader(email, staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.login(email=email, password=PASSWORD)
    return client


def form(**values) -> dict:
    return {"enabled": "on", "days": 30, "readers": 10, "links_a_month": 10, **values}


def test_the_business_group_sets_the_rules_and_new_links_take_them(paper):
    publisher = staff("publisher@example.org", "Business")
    page = publisher.get(URL, follow=True)
    assert page.status_code == 200
    response = publisher.post(page.request["PATH_INFO"], form(days=7, readers=3, links_a_month=2))
    assert response.status_code == 302
    assert gift_rules().readers == 3
    giver = make_reader("giver@example.org", subscription="active")
    gift = gift_create(
        giver=giver, article=paper["articles"]["vote"], rules=gift_rules(), now=timezone.now()
    )
    assert gift.reader_cap == 3 and (gift.expires_at - timezone.now()).days == 6


def test_bad_rules_are_refused_and_nothing_changes(paper):
    publisher = staff("publisher@example.org", "Business")
    page = publisher.get(URL, follow=True)
    response = publisher.post(page.request["PATH_INFO"], form(days=0, readers="ten"))
    assert response.status_code == 200
    assert b"error" in response.content.lower()
    saved = GiftSettings.objects.get()
    assert (saved.days, saved.readers, saved.links_a_month) == (30, 10, 10)


def test_writers_cannot_change_the_rules(paper):
    GiftSettings.objects.create()
    writer = staff("writer@example.org", "Writers")
    url = f"{URL}{GiftSettings.objects.get().pk}/"
    assert writer.post(url, form(enabled="")).status_code in (302, 403)
    assert gift_rules().enabled
