"""Reads per institution per month, for the renewal talk: a dict increment now, an upsert later.

``paywall.services.access_for`` calls :func:`record_institution_read` for a
full-text read by a reader who reads through an institution (its network or
its domain). The count goes into this process's buffer under (institution,
month) and nothing else: not the reader, not the story. The buffer is
written to ``MonthlyReads`` by a ``core.tally.Tally``, as story reads are:
one ``INSERT … ON CONFLICT DO UPDATE`` per institution and month, every
``flush_seconds`` (``MASTHEAD_READERSHIP``) from a background thread, or at
once when ``flush_reads`` reads are waiting. A process that dies loses at
most its last few seconds of counts.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from masthead.core.tally import Tally


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def _add_counts(batch: dict[tuple[int, date], int]) -> int:
    from masthead.institutions.models import Institution, MonthlyReads

    # An institution deleted since its reads were counted takes them with it.
    existing = set(
        Institution.objects.filter(pk__in={pk for pk, _ in batch}).values_list("pk", flat=True)
    )
    table = connection.ops.quote_name(MonthlyReads._meta.db_table)
    sql = (
        f"INSERT INTO {table} (institution_id, month, reads) VALUES (%s, %s, %s) "
        f"ON CONFLICT (institution_id, month) DO UPDATE SET reads = {table}.reads + excluded.reads"
    )
    adapt = connection.ops.adapt_datefield_value
    rows = [
        (institution_id, adapt(month), reads)
        for (institution_id, month), reads in batch.items()
        if institution_id in existing
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            cursor.execute(sql, row)
    return len(rows)


# ``_add_counts`` is looked up at each flush, so a test can stand in for the database.
_reads = Tally("institution-reads", write=lambda batch: _add_counts(batch))


def record_institution_read(institution_id: int) -> None:
    """One full-text read through ``institution_id`` this month. Cheap: on every such read."""
    _reads.add((institution_id, this_month()))


def pending_institution_reads() -> dict[tuple[int, date], int]:
    return _reads.pending()


def forget_pending_institution_reads() -> None:
    """For tests: reads counted by an earlier test belong to a database that is gone."""
    _reads.forget()


def flush_institution_reads() -> int:
    """Write the waiting counts; returns how many (institution, month) rows were written."""
    return _reads.flush()
