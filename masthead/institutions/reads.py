"""Reads per institution per month, for the renewal talk: a dict increment now, an upsert later.

``paywall.services.access_for`` calls :func:`record_institution_read` for a
full-text read by a reader who reads through an institution (its network or
its domain). The count goes into this process's buffer under (institution,
month) and nothing else: not the reader, not the story. The buffer is
written to ``MonthlyReads`` as ``readership.counter`` writes its counts:
one ``INSERT … ON CONFLICT DO UPDATE`` per institution and month, every
``flush_seconds`` (``MASTHEAD_READERSHIP``) from a background thread, or at
once when ``flush_reads`` reads are waiting. A process that dies loses at
most its last few seconds of counts.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from datetime import date

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from masthead.readership.counter import options

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: Counter[tuple[int, date]] = Counter()
_waiting = {"reads": 0}
_flusher = {"pid": None}
_wake = threading.Event()


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def record_institution_read(institution_id: int) -> None:
    """One full-text read through ``institution_id`` this month. Cheap: on every such read."""
    key = (institution_id, this_month())
    with _lock:
        _pending[key] += 1
        _waiting["reads"] += 1
        due = _waiting["reads"] >= options()["flush_reads"]
    if not options()["background"]:
        if due:
            flush_institution_reads()
        return
    if _flusher["pid"] != os.getpid():
        _start_flusher()
    if due:
        _wake.set()


def pending_institution_reads() -> dict[tuple[int, date], int]:
    with _lock:
        return dict(_pending)


def forget_pending_institution_reads() -> None:
    """For tests: reads counted by an earlier test belong to a database that is gone."""
    with _lock:
        _pending.clear()
        _waiting["reads"] = 0


def flush_institution_reads() -> int:
    """Write the waiting counts; returns how many (institution, month) rows were written."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _waiting["reads"] = 0
    if not batch:
        return 0
    try:
        written = _add_counts(batch)
    except DatabaseError as error:
        log.warning("Institution read counts not written yet (%s); kept for the next flush", error)
        with _lock:
            _pending.update(batch)
            _waiting["reads"] += sum(batch.values())
        return 0
    return written


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


def _start_flusher() -> None:
    with _lock:
        if _flusher["pid"] == os.getpid():
            return
        _flusher["pid"] = os.getpid()  # a forked worker starts its own
    threading.Thread(target=_flush_forever, name="institution-reads", daemon=True).start()


def _flush_forever() -> None:
    from django.db import close_old_connections

    while True:
        _wake.wait(options()["flush_seconds"])
        _wake.clear()
        try:
            flush_institution_reads()
        except Exception:  # the thread must outlive any one failure
            log.exception("Institution read counts: flush failed")
        finally:
            close_old_connections()
