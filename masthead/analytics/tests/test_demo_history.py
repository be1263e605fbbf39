"""The demo paper comes with thirty days of reading: the dashboard has something to show at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.analytics.demo import create_demo_history
from masthead.analytics.models import (
    Conversion,
    DailyReaders,
    HourlyViews,
    MinuteViews,
    ReaderDay,
    SourceViews,
    StoryViews,
)
from masthead.analytics.report import report


@pytest.fixture
def figures(db, demo_paper_once):
    today = timezone.localdate()
    return report(today - timedelta(days=29), today)


def test_every_one_of_the_thirty_days_was_read(figures):
    days = figures["days"]
    assert len(days) == 30
    assert all(day["pageviews"] > 0 for day in days)
    weekdays = [day["pageviews"] for day in days[:-1]]  # today is still going
    assert 1000 < sum(weekdays) / len(weekdays) < 10_000
    assert all(0.3 < day["readers"] / day["pageviews"] < 0.5 for day in days if day["pageviews"])


def test_stories_sources_and_devices_look_like_a_papers(figures):
    assert len(figures["stories"]) >= 10
    top, *rest = figures["stories"]
    assert top["pageviews"] > rest[-1]["pageviews"] * 5  # a few stories are read far more
    sources = {row["source"] for row in figures["sources"]}
    assert {"direct", "search", "social", "newsletter", "internal"} <= sources
    details = {row["detail"] for row in figures["sources"]}
    assert {"google.com", "bsky.app"} <= details
    devices = {row["device"]: row["pageviews"] for row in figures["devices"]}
    assert 0.45 < devices["phone"] / sum(devices.values()) < 0.65
    outcomes = {row["outcome"]: row["pageviews"] for row in figures["outcomes"]}
    assert outcomes["full"] > outcomes["teaser"] + outcomes["wall"] > outcomes["gift"] > 0
    assert figures["crawler_pageviews"] > 0


def test_conversions_are_credited_to_stories_and_sources(figures):
    assert figures["subscriptions"] >= 30 and figures["registrations"] >= 60
    assert figures["donations"] == 120  # the appeal's own, credited rather than repeated
    assert figures["revenue"] > 31_000
    credited = [row for row in figures["conversions"] if row["story"]]
    assert {row["kind"] for row in credited} >= {"subscription", "donation", "registration"}
    from masthead.news.models import ArticlePage

    first_story = ArticlePage.objects.order_by("first_published_at").first().first_published_at
    assert not Conversion.objects.filter(story=None, at__gt=first_story).exists()
    assert figures["wall_funnel"]["subscriptions_within_7_days"] >= 1


def test_no_story_is_read_before_it_was_published(db, demo_paper_once):
    from masthead.news.models import ArticlePage

    published = {
        pk: timezone.localdate(moment)
        for pk, moment in ArticlePage.objects.values_list("pk", "first_published_at")
    }
    read = StoryViews.objects.filter(page_id__in=published).values_list("page_id", "day")
    assert read and all(day >= published[page] for page, day in read)


def test_right_now_is_not_empty_and_no_reader_is_marked(db, demo_paper_once):
    since = timezone.now() - timedelta(minutes=60)
    assert MinuteViews.objects.filter(minute__gte=since).exists()
    assert not MinuteViews.objects.filter(minute__lt=since - timedelta(minutes=5)).exists()
    assert not ReaderDay.objects.exists()


def _hours_read() -> list[tuple]:
    return list(
        HourlyViews.objects.order_by("hour", "kind", "outcome", "source", "device").values_list()
    )


def _forget_the_history() -> None:
    for model in (HourlyViews, StoryViews, SourceViews, MinuteViews, DailyReaders):
        model.objects.all().delete()
    Conversion.objects.filter(reference__startswith="demo:").delete()


def test_the_history_is_the_same_every_time(db, demo_paper_once):
    now = timezone.now()
    _forget_the_history()
    create_demo_history(now)
    first = _hours_read()
    _forget_the_history()
    create_demo_history(now)
    assert [row[1:] for row in _hours_read()] == [row[1:] for row in first]
