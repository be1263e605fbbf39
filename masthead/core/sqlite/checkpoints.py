"""The write-ahead log copied back into the database beside the writers, not by one of them.

In WAL mode SQLite copies the log back into the database file (a checkpoint)
once it passes ``wal_autocheckpoint`` pages, in whichever transaction commits
then, and syncs the file: tens of milliseconds, during which that writer still
holds the machine's writer lock (``base.py``) and every other writer, a reader
being metered among them, waits. Here each process that writes runs one
thread of its own that checkpoints ``PASSIVE`` (never waiting for a reader or
a writer) every ``EVERY_SECONDS``, on a connection of its own, so the copying
and syncing happen off every request. The commits' own threshold is raised to
``BACKSTOP_PAGES``: only if this thread could not keep up would a writer
checkpoint.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time

log = logging.getLogger(__name__)

EVERY_SECONDS = 0.5
BACKSTOP_PAGES = 20_000  # about 80 MB of log before a commit checkpoints itself

_started: dict[str, int] = {}  # database file -> the pid whose thread checkpoints it
_lock = threading.Lock()


def checkpoint_beside(path: str) -> None:
    """Start this process's checkpointing thread for the database at ``path``, once."""
    pid = os.getpid()
    with _lock:
        if _started.get(path) == pid:
            return
        _started[path] = pid
    threading.Thread(
        target=_checkpoint_forever, args=(path,), name="wal-checkpoint", daemon=True
    ).start()


def checkpoint(connection: sqlite3.Connection) -> tuple[int, int, int]:
    """One passive checkpoint: (busy, pages in the log, pages copied back)."""
    return connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()


def _checkpoint_forever(path: str) -> None:
    connection = sqlite3.connect(path, timeout=1, isolation_level=None, check_same_thread=False)
    while True:
        time.sleep(EVERY_SECONDS)
        try:
            checkpoint(connection)
        except sqlite3.Error as error:  # busy or gone: the next round tries again
            log.debug("WAL checkpoint skipped: %s", error)
