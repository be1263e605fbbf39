"""The access log, written beside the requests rather than in their way.

``make serve`` keeps an access log (granian's, one line per request). Written
as granian ships it, each line is formatted and flushed to the terminal or
file by the worker that answered, before it takes the next request: a
system call per request on the reader's path. :class:`BackgroundLogHandler`
only appends the record to a queue there; a thread of the same process
formats what has gathered and writes it in one go, every ``interval``
seconds. At most that much of the log is lost if the process is killed
outright; a normal stop writes everything (``logging.shutdown`` flushes).
If the writer cannot keep up (``capacity`` lines waiting), the request that
finds the queue full writes it itself, so memory stays bounded and no line
is dropped.

``deploy/granian-logging.json`` installs it for granian's ``granian.access``
logger; ``make serve`` passes it with ``--log-config``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque


class BackgroundLogHandler(logging.StreamHandler):
    def __init__(self, stream=None, interval: float = 0.5, capacity: int = 20_000):
        super().__init__(stream)
        self.interval = interval
        self.capacity = capacity
        self.waiting: deque[logging.LogRecord] = deque()
        self._writer_pid: int | None = None
        self._write_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        self.waiting.append(record)  # deque.append is atomic: no lock on the request's path
        if self._writer_pid != os.getpid():
            self._start_writer()
        if len(self.waiting) >= self.capacity:
            self.flush()

    def _start_writer(self) -> None:
        # Per process: a worker forked from a parent that logged has no writer thread.
        with self._write_lock:
            if self._writer_pid == os.getpid():
                return
            self._writer_pid = os.getpid()
            threading.Thread(target=self._write_forever, name="access-log", daemon=True).start()

    def _write_forever(self) -> None:
        while True:
            time.sleep(self.interval)
            self.flush()

    def flush(self) -> None:
        """Write every waiting line, in one write."""
        with self._write_lock:
            lines = []
            while self.waiting:
                record = self.waiting.popleft()
                try:
                    lines.append(self.format(record) + self.terminator)
                except Exception:  # noqa: BLE001 - a bad record is reported, never the end of the log
                    self.handleError(record)
            if lines and self.stream is not None:
                try:
                    self.stream.write("".join(lines))
                    self.stream.flush()
                except (OSError, ValueError):
                    pass  # the terminal or file is gone: nothing else to write to
