"""Reads per institution per month: counted for reads through the institution, never who read."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.institutions.models import MonthlyReads
from masthead.institutions.reads import (
    flush_institution_reads,
    pending_institution_reads,
    record_institution_read,
    this_month,
)
from masthead.institutions.tests.factories import make_institution
from masthead.news.tests.factories import make_article, make_section
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(db):
    news = make_section("News")
    now = timezone.now()
    return [
        make_article(news, f"Story {i}", published_at=now - timedelta(hours=i)) for i in range(1, 4)
    ]


def test_full_reads_through_the_network_and_the_domain_are_counted_for_the_month(stories):
    library = make_institution(ranges=["192.0.2.0/24"], domains=["example.edu"])
    other = make_institution("Another", ranges=["198.51.100.0/24"])
    inside = Client(REMOTE_ADDR="192.0.2.10")
    for story in stories:
        inside.get(story.url)
    inside.head(stories[0].url)  # not a read
    make_reader("student@example.edu")
    student = Client()
    student.login(email="student@example.edu", password=PASSWORD)
    student.get(stories[0].url)
    Client(REMOTE_ADDR="198.51.100.1").get(stories[0].url)
    Client(REMOTE_ADDR="203.0.113.9").get(stories[0].url)  # outside every range: not counted
    assert pending_institution_reads() == {
        (library.pk, this_month()): 4,
        (other.pk, this_month()): 1,
    }

    assert flush_institution_reads() == 2
    Client(REMOTE_ADDR="192.0.2.99").get(stories[1].url)
    flush_institution_reads()
    counts = dict(MonthlyReads.objects.values_list("institution__name", "reads"))
    assert counts == {"Example University Library": 5, "Another": 1}
    assert MonthlyReads.objects.get(institution=library).month == this_month()
    # Nothing about the reader or the story is kept beside the count.
    assert {f.name for f in MonthlyReads._meta.get_fields()} == {
        "id",
        "institution",
        "month",
        "reads",
    }


def test_counts_of_an_institution_deleted_before_the_flush_are_dropped_not_retried_forever():
    gone = make_institution("Gone", ranges=["192.0.2.0/24"])
    kept = make_institution("Kept")
    record_institution_read(gone.pk)
    record_institution_read(kept.pk)
    gone.delete()
    assert flush_institution_reads() == 1
    assert pending_institution_reads() == {}
    assert list(MonthlyReads.objects.values_list("institution_id", "reads")) == [(kept.pk, 1)]


def test_a_month_starts_a_new_row(settings):
    library = make_institution()
    MonthlyReads.objects.create(institution=library, month=date(2020, 1, 1), reads=3)
    record_institution_read(library.pk)
    flush_institution_reads()
    assert MonthlyReads.objects.get(month=date(2020, 1, 1)).reads == 3
    assert MonthlyReads.objects.get(month=this_month()).reads == 1


def test_counts_are_kept_for_the_next_flush_while_the_database_fails(monkeypatch):
    from django.db import OperationalError

    from masthead.institutions import reads

    library = make_institution()
    record_institution_read(library.pk)
    record_institution_read(library.pk)

    def down(batch):
        raise OperationalError("the database has gone away")

    monkeypatch.setattr(reads, "_add_counts", down)
    assert flush_institution_reads() == 0
    assert pending_institution_reads() == {(library.pk, this_month()): 2}
    monkeypatch.undo()
    assert flush_institution_reads() == 1
    assert MonthlyReads.objects.get(institution=library).reads == 2
