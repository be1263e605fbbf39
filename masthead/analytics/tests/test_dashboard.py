"""The dashboard, its CSV files and the story editor's panel, as Editors and Business see them."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from masthead.analytics.models import (
    Conversion,
    DailyReaders,
    HourlyViews,
    MinuteViews,
    SourceViews,
    StoryViews,
)
from masthead.analytics.views import PERMISSION
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

TABLES = [
    "views",
    "stories",
    "sections",
    "sources",
    "devices",
    "kinds",
    "conversions",
    "funnel",
    "newsletters",
    "now",
]


def staff_in(group: str, email: str):
    user = make_reader(email, staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reading(paper):
    """A day of reading for one story, yesterday: counted, converted, and read right now."""
    story = paper["articles"]["vote"]
    day = timezone.localdate() - timedelta(days=1)
    at_ten = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
    StoryViews.objects.create(day=day, page=story, views=35, full=30, wall=5)
    HourlyViews.objects.create(
        hour=at_ten, kind="anonymous", outcome="full", source="search", device="phone", views=30
    )
    HourlyViews.objects.create(
        hour=at_ten, kind="registered", outcome="wall", source="direct", device="desktop", views=5
    )
    SourceViews.objects.create(day=day, source="search", detail="example.org", views=30, full=30)
    DailyReaders.objects.create(day=day, readers=21)
    Conversion.objects.create(
        kind="subscription",
        at=at_ten + timedelta(minutes=5),
        story=story,
        source="search",
        detail="example.org",
        after_wall=True,
        revenue_pence=900,
        reference="subscription:1",
    )
    Conversion.objects.create(
        kind="donation",
        at=at_ten + timedelta(minutes=9),
        story=story,
        source="search",
        detail="example.org",
        revenue_pence=2550,
        reference="donation:1",
    )
    MinuteViews.objects.create(minute=timezone.now(), page=story, views=4)
    return {"story": story, "day": day}


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("group", ["Editors", "Business"])
def test_the_dashboard_shows_yesterdays_figures_to_editors_and_business(client, reading, group):
    staff_in(group, "staff@example.org")
    client.login(email="staff@example.org", password=PASSWORD)
    page = client.get("/admin/analytics/?range=yesterday").content.decode()
    assert '<dd id="figure-pageviews">35</dd>' in page
    assert '<dd id="figure-readers">21</dd>' in page
    assert '<dd id="figure-wall-stops">5</dd>' in page
    assert '<dd id="figure-subscriptions">1</dd>' in page
    assert '<dd id="figure-revenue">£34.50</dd>' in page
    assert '<dd id="figure-conversion-rate">20.0%</dd>' in page  # 1 subscription / 5 stops
    story = reading["story"]
    assert f'href="{story.url}"' in page and f'href="/admin/pages/{story.pk}/edit/"' in page
    assert page.count('role="img"') == 3  # page views by hour, devices, kinds of reader
    assert "Page views by hour" in page and "most, 35, at 10:00" in page
    assert "4</strong> page views in the last 5 minutes" in page


@pytest.mark.parametrize("group", ["Editors", "Business"])
@pytest.mark.parametrize("table", TABLES)
def test_every_table_downloads_as_csv_with_the_figures_stored(client, reading, group, table):
    staff_in(group, "staff@example.org")
    client.login(email="staff@example.org", password=PASSWORD)
    day = reading["day"].isoformat()
    response = client.get(f"/admin/analytics/csv/{table}/?from={day}&to={day}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="analytics-{table}-{day}.csv"'
    rows = rows_of(response)
    assert rows[0]  # the headings, as on the page
    expected = {
        "stories": [reading["story"].title, "Britain", "35", "30", "5", "1", "1", "34.50"],
        "sources": ["search", "example.org", "30", "1", "1", "34.50"],
        "devices": ["phone", "30"],
        "conversions": ["donation", reading["story"].url, "search", "1", "25.50"],
        "funnel": ["Wall stops", "5"],
        "views": ["10:00", "35"],
        "now": [reading["story"].title, reading["story"].url, "4"],
    }
    if table in expected:
        assert expected[table] in rows[1:], rows


def test_a_range_of_days_draws_page_views_and_readers_per_day(client, reading):
    staff_in("Editors", "staff@example.org")
    client.login(email="staff@example.org", password=PASSWORD)
    page = client.get("/admin/analytics/?range=7").content.decode()
    assert "Page views and readers by day" in page
    assert "Readers: 21 in all" in page
    day = reading["day"].isoformat()
    rows = rows_of(client.get(f"/admin/analytics/csv/views/?from={day}&to={timezone.localdate()}"))
    assert rows[0] == ["Day", "Page views", "Readers"]
    assert [day, "35", "21"] in rows


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=2026-13-01&to=2026-13-02", "The dates could not be read"),
        ("from=2026-03-10&to=2026-03-01", "The range ends before it starts"),
        ("from=nonsense", "The dates could not be read"),
        ("from=2020-01-01&to=2026-01-01", "at most 366 days"),
    ],
)
def test_a_bad_range_says_why_and_shows_today(client, paper, query, message):
    staff_in("Editors", "staff@example.org")
    client.login(email="staff@example.org", password=PASSWORD)
    response = client.get(f"/admin/analytics/?range=custom&{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Showing today instead." in page
    assert 'aria-current="page">Today</a>' in page


def test_an_unknown_table_is_not_found(client, paper):
    staff_in("Business", "staff@example.org")
    client.login(email="staff@example.org", password=PASSWORD)
    assert client.get("/admin/analytics/csv/readers-emails/").status_code == 404


def test_the_menu_shows_analytics_to_editors_and_not_to_writers(client, paper):
    staff_in("Editors", "editor@example.org")
    staff_in("Writers", "writer@example.org")
    client.login(email="editor@example.org", password=PASSWORD)
    assert '"/admin/analytics/"' in client.get("/admin/").content.decode()
    client.login(email="writer@example.org", password=PASSWORD)
    assert '"/admin/analytics/"' not in client.get("/admin/").content.decode()


def test_the_story_editor_shows_its_readers_only_to_those_who_may_see_analytics(client, reading):
    story = reading["story"]
    editor = staff_in("Editors", "editor@example.org")
    assert editor.has_perm(PERMISSION)
    client.login(email="editor@example.org", password=PASSWORD)
    page = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "data-analytics-story-panel" in page
    panel = page[page.index("data-analytics-story-panel") :]
    assert "<dt>Page views</dt><dd>35</dd>" in panel
    assert "<dt>Wall stops</dt><dd>5</dd>" in panel
    assert "<dt>Revenue</dt><dd>£34.50</dd>" in panel
    assert "<li>search: 2 (£34.50)</li>" in panel
    assert 'role="img"' in panel

    staff_in("Writers", "writer@example.org")
    client.login(email="writer@example.org", password=PASSWORD)
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code == 200
    assert "data-analytics-story-panel" not in response.content.decode()
