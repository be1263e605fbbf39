"""Full-text reads are counted per story and day, cheaply, and nothing about the reader is kept."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.news.tests.factories import make_article
from masthead.readership.counter import flush_reads, pending_reads, record_read
from masthead.readership.models import DailyReads

pytestmark = pytest.mark.django_db


def reads_of(article) -> int:
    row = DailyReads.objects.filter(article_id=article.pk, day=timezone.localdate()).first()
    return row.reads if row else 0


def test_reads_are_counted_whether_the_page_was_rendered_or_came_from_the_cache(paper):
    story = paper["articles"]["vote"]
    first = Client().get(story.url)
    again = Client().get(story.url)  # another new reader: the page the first one left
    assert first.status_code == again.status_code == 200
    assert again["X-Masthead-Cache"] == "hit"
    assert flush_reads() == 1
    assert reads_of(story) == 2


def test_a_read_costs_no_query_until_the_flush_writes_one_statement_per_story(
    paper, django_assert_num_queries
):
    vote, deal = paper["articles"]["vote"], paper["articles"]["deal"]
    with django_assert_num_queries(0):
        for _ in range(50):
            record_read(vote.pk)
        record_read(deal.pk)
    with CaptureQueriesContext(connection) as queries:
        flush_reads()
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 2
    assert all(sql.startswith("INSERT") for sql in statements)
    record_read(vote.pk)
    flush_reads()
    assert (reads_of(vote), reads_of(deal)) == (51, 1)


def test_the_buffer_writes_itself_once_enough_reads_are_waiting(paper, settings):
    settings.MASTHEAD_READERSHIP = {**settings.MASTHEAD_READERSHIP, "flush_reads": 3}
    story = paper["articles"]["talks"]
    record_read(story.pk)
    record_read(story.pk)
    assert reads_of(story) == 0
    record_read(story.pk)
    assert reads_of(story) == 3
    assert pending_reads() == {}


def test_only_full_text_reads_by_readers_count(paper, django_user_model):
    story = paper["articles"]["vote"]
    reader = Client()
    for url in [a.url for a in paper["articles"].values() if a.section.slug != "editorial"]:
        reader.get(url)
        reader.get(url)  # a reread is a read, and counts again for "Most read"
    fifth, sixth = (make_article(paper["sections"]["world"]) for _ in range(2))
    assert b"You have read 5 of 5" in reader.get(fifth.url).content
    assert b"offer-heading" in reader.get(sixth.url).content  # the teaser: not a read
    Client().head(story.url)
    staff = django_user_model.objects.create_user(email="ed@example.com", password="x" * 12)
    staff.is_staff = True
    staff.save()
    newsroom = Client()
    newsroom.force_login(staff)
    assert newsroom.get(story.url).status_code == 200
    flush_reads()
    counted = dict(DailyReads.objects.values_list("article_id", "reads"))
    assert counted[story.pk] == 2
    assert sum(counted.values()) == 4 * 2 + 1
    assert sixth.pk not in counted


def test_nothing_about_the_reader_is_stored(paper):
    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), DailyReads._meta.db_table
        )
    }
    assert columns == {"id", "article_id", "day", "reads"}
    Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Reader/1.0").get(
        paper["articles"]["vote"].url
    )
    flush_reads()
    row = DailyReads.objects.get()
    stored = " ".join(str(value) for value in DailyReads.objects.values_list().get())
    assert "203.0.113" not in stored and "Reader" not in stored
    assert row.day == timezone.localdate()


def test_a_flush_that_fails_keeps_its_counts_for_the_next(paper, monkeypatch):
    from masthead.readership import counter

    story = paper["articles"]["vote"]
    record_read(story.pk)

    def refuse(batch):
        from django.db import OperationalError

        raise OperationalError("database is locked")

    monkeypatch.setattr(counter, "_add_counts", refuse)
    assert flush_reads() == 0
    monkeypatch.undo()
    assert flush_reads() == 1
    assert reads_of(story) == 1
    assert DailyReads.objects.filter(day=timezone.localdate() - timedelta(days=1)).count() == 0
