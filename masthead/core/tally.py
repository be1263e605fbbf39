"""Counts kept in this process and written in batches: a dict increment now, one upsert later.

A :class:`Tally` is for figures counted on the reader's path (a story's reads,
an institution's reads), where a write per request would cost more than the
request. :meth:`Tally.add` costs an increment under a lock. The counts are
written by the tally's ``write`` function, given ``{key: count}``, every
``flush_seconds`` (``MASTHEAD_READERSHIP``) from a background thread of this
process, or as soon as ``flush_reads`` counts are waiting; with
``background`` off (tests), a full buffer is written at once by the request
that fills it. A write that fails keeps its counts for the next one. A
process that dies loses at most its last few seconds of counts: such
figures rank and report, they bill no one.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db import DatabaseError

log = logging.getLogger(__name__)


def options() -> dict:
    return settings.MASTHEAD_READERSHIP


class Tally:
    def __init__(
        self,
        name: str,
        write: Callable[[dict], int],
        after_flush: Callable[[], object] | None = None,
        flush_at: int | None = None,
    ):
        """``write`` stores ``{key: count}`` and returns how many rows it wrote.

        ``after_flush``: run by the background thread after each write (e.g. a ranking).
        ``flush_at``: how many counts waiting make it write at once (``flush_reads`` unless set).
        """
        self.name = name
        self.write = write
        self.after_flush = after_flush
        self.flush_at = flush_at
        self._lock = threading.Lock()
        self._pending: Counter[Hashable] = Counter()
        self._waiting = 0
        self._flusher_pid: int | None = None
        self._wake = threading.Event()  # a full buffer asks the thread to write now

    def add(self, key: Hashable) -> None:
        """One more for ``key``. Cheap: this is on the reader's path."""
        with self._lock:
            self._pending[key] += 1
            self._waiting += 1
            due = self._waiting >= (self.flush_at or options()["flush_reads"])
        if not options()["background"]:
            if due:
                self.flush()
            return
        if self._flusher_pid != os.getpid():
            self._start_flusher()
        if due:
            self._wake.set()

    def pending(self) -> dict:
        with self._lock:
            return dict(self._pending)

    def forget(self) -> None:
        """For tests: counts made by an earlier test belong to a database that is gone."""
        with self._lock:
            self._pending.clear()
            self._waiting = 0

    def flush(self) -> int:
        """Write the waiting counts; returns how many rows were written (0 if the write failed)."""
        with self._lock:
            batch = dict(self._pending)
            self._pending.clear()
            self._waiting = 0
        if not batch:
            return 0
        try:
            # In key order: two processes writing the same keys then lock their rows in the
            # same order, and cannot deadlock each other.
            return self.write(dict(sorted(batch.items())))
        except DatabaseError as error:
            log.warning("%s not written yet (%s); kept for the next flush", self.name, error)
            with self._lock:
                self._pending.update(batch)
                self._waiting += sum(batch.values())
            return 0

    def _start_flusher(self) -> None:
        with self._lock:
            if self._flusher_pid == os.getpid():
                return
            self._flusher_pid = os.getpid()  # a forked worker starts its own
        threading.Thread(target=self._flush_forever, name=self.name, daemon=True).start()

    def _flush_forever(self) -> None:
        from django.db import close_old_connections

        while True:
            self._wake.wait(options()["flush_seconds"])
            self._wake.clear()
            try:
                self.flush()
                if self.after_flush is not None:
                    self.after_flush()
            except Exception:  # the thread must outlive any one failure
                log.exception("%s: flush failed", self.name)
            finally:
                close_old_connections()
