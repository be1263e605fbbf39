"""Written counts add up across servers; days close into unique readers; old rows go."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.analytics import counting, writing
from masthead.analytics.models import DailyReaders, HourlyViews, MinuteViews, ReaderDay, StoryViews
from masthead.analytics.report import report

pytestmark = pytest.mark.django_db


def test_two_servers_writing_the_same_rows_add_up(paper):
    story = paper["articles"]["vote"].pk
    minute = int(timezone.now().timestamp()) // 60
    key = (minute, story, "anonymous", "full", "search", "google.com", "phone")
    writing.write_views({key: 3})  # one server's flush
    writing.write_views({key: 4})  # another's, the same minute
    assert HourlyViews.objects.get().views == 7
    assert StoryViews.objects.get().views == 7
    assert MinuteViews.objects.get().views == 7
    today = timezone.localdate()
    assert report(today, today)["sources"][0]["pageviews"] == 7


def test_a_day_over_becomes_its_count_of_readers_and_its_marks_are_deleted(paper):
    yesterday = timezone.localdate() - timedelta(days=1)
    for digest in ("a1", "b2", "c3"):
        counting.marks.note(yesterday, digest, None, "direct", "", False)
    counting.marks.note(timezone.localdate(), "d4", None, "direct", "", False)
    counting.marks.flush()
    writing.housekeeping(force=True)
    assert DailyReaders.objects.get(day=yesterday).readers == 3
    assert list(ReaderDay.objects.values_list("digest", flat=True)) == ["d4"]  # today's stays
    assert report(yesterday, timezone.localdate())["readers"] == 4


def test_the_retention_setting_deletes_older_rollups_and_minutes_last_a_day(paper, settings):
    settings.MASTHEAD_ANALYTICS = {**settings.MASTHEAD_ANALYTICS, "retention_days": 30}
    story = paper["articles"]["vote"].pk
    now = timezone.now()
    for age in (timedelta(days=40), timedelta(days=2), timedelta(0)):
        minute = int((now - age).timestamp()) // 60
        writing.write_views({(minute, story, "anonymous", "full", "direct", "", "desktop"): 1})
    writing.housekeeping(force=True)
    assert StoryViews.objects.count() == 2
    assert HourlyViews.objects.count() == 2
    assert MinuteViews.objects.count() == 1


def test_a_write_that_fails_keeps_its_counts_for_the_next(paper, monkeypatch):
    from django.db import DatabaseError

    def broken(batch):
        raise DatabaseError("the database is away")

    story = paper["articles"]["vote"].pk
    counting.views.add(
        (int(timezone.now().timestamp()) // 60, story, "anonymous", "full", "direct", "", "desktop")
    )
    monkeypatch.setattr(counting, "_write_views", broken)
    assert counting.views.flush() == 0
    monkeypatch.undo()
    assert counting.views.flush() > 0
    assert StoryViews.objects.get().views == 1


def test_a_flush_larger_than_one_statement_writes_every_mark_once(paper, monkeypatch):
    """Marks go in statements of many rows; a batch spread over several is written whole."""
    from masthead.core import many_rows

    monkeypatch.setattr(many_rows, "VALUES_ROWS", 3)
    monkeypatch.setattr(many_rows, "ARRAY_ROWS", 3)
    story = paper["articles"]["vote"].pk
    today = timezone.localdate()
    for n in range(10):
        counting.marks.note(
            today, f"r{n}", story if n % 2 else None, "search", "google.com", n == 9
        )
    counting.marks.flush()
    counting.marks.note(today, "r0", story, "", "", False)  # read again: the source stays
    counting.marks.flush()
    marks = {mark.digest: mark for mark in ReaderDay.objects.all()}
    assert len(marks) == 10
    assert (marks["r0"].story_id, marks["r0"].source) == (story, "search")
    assert marks["r9"].walled and not marks["r8"].walled
    assert report(today, today)["readers"] == 10
