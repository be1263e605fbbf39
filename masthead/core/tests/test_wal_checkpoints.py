"""The embedded default's write-ahead log is copied back beside the writers, not by them."""

import os
import time

from django.db.utils import ConnectionHandler

from masthead.core.sqlite.checkpoints import BACKSTOP_PAGES


def test_writers_leave_the_log_to_a_thread_that_copies_it_back(
    tmp_path, django_db_blocker, monkeypatch
):
    # A browser test earlier in the run may leave an event loop running in this thread;
    # this connection is opened and used here alone.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    name = tmp_path / "paper.sqlite3"
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "masthead.core.sqlite",
                "NAME": str(name),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
            }
        }
    )
    writer = handler["default"]
    try:
        with django_db_blocker.unblock(), writer.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            assert cursor.fetchone()[0] == BACKSTOP_PAGES  # commits no longer checkpoint
            cursor.execute("CREATE TABLE reads (reader TEXT, article INTEGER)")
            for n in range(200):
                cursor.execute("INSERT INTO reads VALUES (?, ?)", ("x" * 2000, n))
        # The rows went to the log; the thread copies them into the database file.
        deadline = time.monotonic() + 10
        while os.path.getsize(name) < 200 * 2000 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert os.path.getsize(name) >= 200 * 2000
    finally:
        writer.close()
