"""No analytics view or CSV file is open to readers or writers: each refuses, and shows no figure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from masthead.analytics.models import Conversion, MinuteViews, SourceViews, StoryViews
from masthead.analytics.tests.test_dashboard import TABLES
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

SECRET_DETAIL = "referrer-nobody-may-see.example"


@pytest.fixture
def figures(paper):
    story = paper["articles"]["deal"]
    today = timezone.localdate()
    StoryViews.objects.create(day=today, page=story, views=4321, full=4321)
    SourceViews.objects.create(day=today, source="social", detail=SECRET_DETAIL, views=4321)
    MinuteViews.objects.create(minute=timezone.now() - timedelta(minutes=1), page=story, views=77)
    Conversion.objects.create(
        kind="subscription",
        at=timezone.now(),
        story=story,
        source="social",
        detail=SECRET_DETAIL,
        revenue_pence=98765,
        reference="subscription:attack",
    )
    return story


def who(name: str):
    if name == "anonymous":
        return None
    if name == "reader":
        return make_reader("reader@example.org")
    if name == "subscriber":
        return make_reader("subscriber@example.org", subscription="active")
    writer = make_reader("writer@example.org", staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    return writer


ADDRESSES = ["/admin/analytics/", "/admin/analytics/?range=30", "/admin/analytics/now/"] + [
    f"/admin/analytics/csv/{table}/" for table in TABLES
]


@pytest.mark.parametrize("name", ["anonymous", "reader", "subscriber", "writer"])
def test_no_analytics_address_answers_readers_or_writers(client, figures, name):
    user = who(name)
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)
    for address in ADDRESSES:
        response = client.get(address)
        assert response.status_code in (302, 403), (name, address, response.status_code)
        body = response.content.decode()
        for figure in ("4321", "4,321", "987.65", SECRET_DETAIL, figures.title):
            assert figure not in body, (name, address, figure)
        assert not response.get("Content-Type", "").startswith("text/csv"), address
        assert "attachment" not in response.get("Content-Disposition", "")
        if name == "anonymous":
            assert "login" in response["Location"], address


def test_the_same_addresses_show_the_figures_to_an_editor(client, figures):
    """The control: what the others are refused is there to be refused."""
    editor = make_reader("editor@example.org", staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.login(email="editor@example.org", password=PASSWORD)
    assert "4,321" in client.get("/admin/analytics/").content.decode()
    assert "77" in client.get("/admin/analytics/now/").content.decode()
    assert SECRET_DETAIL in client.get("/admin/analytics/csv/sources/").content.decode()
    assert "987.65" in client.get("/admin/analytics/csv/conversions/").content.decode()
