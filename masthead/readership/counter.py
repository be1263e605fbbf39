"""Counting full-text reads without slowing them: a dict increment now, one upsert per story later.

Every full-text read on the site passes the access service, whether the page
came from the shared page cache or was rendered; it tells :func:`count_read`
(``paywall.extensions.article_read``), which counts readers' reads, not the
newsroom's nor search engines'. Counting there costs an increment in this
process's buffer (a ``core.tally.Tally``), written to ``DailyReads`` by :func:`flush_reads`:
one ``INSERT … ON CONFLICT DO UPDATE`` per story and day, every
``flush_seconds`` from a background thread, or as soon as ``flush_reads``
reads are waiting. Nothing about the reader is ever put in the buffer.
A process that dies loses at most its last few seconds of counts: these
figures rank stories, they do not bill anyone.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from masthead.core.tally import Tally, options
from masthead.paywall.services import READERS

__all__ = [
    "count_read",
    "flush_reads",
    "forget_pending_reads",
    "options",
    "pending_reads",
    "record_read",
]


def _add_counts(batch: dict[tuple[int, date], int]) -> int:
    from masthead.readership.models import DailyReads

    table = connection.ops.quote_name(DailyReads._meta.db_table)
    sql = (
        f"INSERT INTO {table} (article_id, day, reads) VALUES (%s, %s, %s) "
        f"ON CONFLICT (article_id, day) DO UPDATE SET reads = {table}.reads + excluded.reads"
    )
    adapt = connection.ops.adapt_datefield_value
    rows = [(article_id, adapt(day), reads) for (article_id, day), reads in batch.items()]
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            cursor.execute(sql, row)
    return len(rows)


def _refresh_most_read() -> None:
    from masthead.readership.most_read import refresh_most_read

    refresh_most_read()


# ``_add_counts`` is looked up at each flush, so a test can stand in for the database.
_reads = Tally(
    "read-counts", write=lambda batch: _add_counts(batch), after_flush=_refresh_most_read
)


def record_read(article_id: int) -> None:
    """One full-text read of ``article_id`` today. Cheap: this is on every article request."""
    _reads.add((article_id, timezone.localdate()))


def pending_reads() -> dict[tuple[int, date], int]:
    return _reads.pending()


def forget_pending_reads() -> None:
    """For tests: reads counted by an earlier test belong to a database that is gone."""
    _reads.forget()


def flush_reads() -> int:
    """Write the waiting counts, one statement per story and day; returns how many rows."""
    return _reads.flush()


def count_read(sender, access, **kwargs) -> None:
    """A story given in full: one read for "Most read", the story only, never the reader."""
    if access.reader.kind in READERS:
        record_read(access.facts.article_id)
