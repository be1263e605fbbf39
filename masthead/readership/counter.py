"""Counting full-text reads without slowing them: a dict increment now, one upsert per story later.

Every full-text read on the site passes the access service, whether the page
came from the shared page cache or was rendered (``paywall.services.access_for``
calls :func:`record_read`). Counting there costs an increment in this
process's buffer. The buffer is written to ``DailyReads`` by :func:`flush_reads`:
one ``INSERT … ON CONFLICT DO UPDATE`` per story and day, every
``flush_seconds`` from a background thread, or as soon as ``flush_reads``
reads are waiting. Nothing about the reader is ever put in the buffer.
A process that dies loses at most its last few seconds of counts: these
figures rank stories, they do not bill anyone.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: Counter[tuple[int, date]] = Counter()
_waiting = {"reads": 0}
_flusher = {"pid": None}
_wake = threading.Event()  # a full buffer asks the flusher to write now, not the reader's request


def options() -> dict:
    return settings.MASTHEAD_READERSHIP


def record_read(article_id: int) -> None:
    """One full-text read of ``article_id`` today. Cheap: this is on every article request."""
    key = (article_id, timezone.localdate())
    with _lock:
        _pending[key] += 1
        _waiting["reads"] += 1
        due = _waiting["reads"] >= options()["flush_reads"]
    if not options()["background"]:
        if due:
            flush_reads()
        return
    if _flusher["pid"] != os.getpid():
        _start_flusher()
    if due:
        _wake.set()


def pending_reads() -> dict[tuple[int, date], int]:
    with _lock:
        return dict(_pending)


def forget_pending_reads() -> None:
    """For tests: reads counted by an earlier test belong to a database that is gone."""
    with _lock:
        _pending.clear()
        _waiting["reads"] = 0


def flush_reads() -> int:
    """Write the waiting counts, one statement per story and day; returns how many rows."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _waiting["reads"] = 0
    if not batch:
        return 0
    try:
        _add_counts(batch)
    except DatabaseError as error:
        log.warning("Read counts not written yet (%s); kept for the next flush", error)
        with _lock:
            _pending.update(batch)
            _waiting["reads"] += sum(batch.values())
        return 0
    return len(batch)


def _add_counts(batch: dict[tuple[int, date], int]) -> None:
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


def _start_flusher() -> None:
    with _lock:
        if _flusher["pid"] == os.getpid():
            return
        _flusher["pid"] = os.getpid()  # a forked worker starts its own
    threading.Thread(target=_flush_forever, name="read-counts", daemon=True).start()


def _flush_forever() -> None:
    from django.db import close_old_connections

    from masthead.readership.most_read import refresh_most_read

    while True:
        _wake.wait(options()["flush_seconds"])
        _wake.clear()
        try:
            flush_reads()
            refresh_most_read()
        except Exception:  # the thread must outlive any one failure
            log.exception("Read counts: flush failed")
        finally:
            close_old_connections()
