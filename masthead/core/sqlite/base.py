"""SQLite for the embedded default, with writers taking turns in the kernel, not in a sleep loop.

SQLite lets one writer at a time; the others wait in its busy handler, which
sleeps and retries (1, 2, 5 … 100 ms), so under load a write can sleep far
longer than it waits. Here every write transaction first takes an exclusive
``flock`` on a file beside the database: the worker processes of the machine
queue on it and each is woken the moment the one before commits, so by the
time ``BEGIN IMMEDIATE`` runs the database's lock is free. Readers are not
involved (WAL lets them read while one writes). The log is copied back into
the database by a thread beside the writers (``checkpoints.py``).
"""

from __future__ import annotations

import fcntl
import os

from django.db.backends.sqlite3 import base

from masthead.core.sqlite.checkpoints import BACKSTOP_PAGES, checkpoint_beside


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if self._lock_path() is not None:  # a database file, not one in memory
            connection.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
            checkpoint_beside(str(self.settings_dict["NAME"]))
        return connection

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or name.startswith("file:"):
            return None
        return f"{name}.writer-lock"

    def _take_writer_lock(self) -> None:
        path = self._lock_path()
        if path is None or self._writer_fd is not None:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)  # queued in the kernel, woken on release
        self._writer_fd = fd

    def _release_writer_lock(self) -> None:
        fd, self._writer_fd = self._writer_fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _start_transaction_under_autocommit(self):
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()
        except Exception:
            self._release_writer_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer_lock()
