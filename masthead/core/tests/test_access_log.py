"""The access log make serve ships: lines written by a thread, none lost, none on the request."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import time
from pathlib import Path

from masthead.core.access_log import BackgroundLogHandler

ROOT = Path(__file__).resolve().parents[3]


def access_logger(handler) -> logging.Logger:
    logger = logging.getLogger(f"test-access-{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


class CountingStream(io.StringIO):
    writes = 0

    def write(self, text):
        self.writes += 1
        return super().write(text)


def test_a_request_only_queues_its_line_and_the_writer_writes_them_together():
    stream = CountingStream()
    handler = BackgroundLogHandler(stream, interval=0.2)
    log = access_logger(handler)
    for n in range(50):
        log.info('GET /news/story-%d/ 200', n)
    assert stream.getvalue() == ""  # nothing written on the requests' own path
    deadline = time.monotonic() + 5
    while stream.getvalue().count("\n") < 50 and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = stream.getvalue().splitlines()
    assert lines == [f"GET /news/story-{n}/ 200" for n in range(50)]
    assert stream.writes == 1


def test_stopping_writes_what_is_waiting():
    stream = io.StringIO()
    handler = BackgroundLogHandler(stream, interval=60)
    log = access_logger(handler)
    log.info("GET / 200")
    handler.flush()  # what logging.shutdown does at a normal stop
    assert stream.getvalue() == "GET / 200\n"


def test_a_writer_that_cannot_keep_up_makes_the_request_write_rather_than_grow():
    stream = io.StringIO()
    handler = BackgroundLogHandler(stream, interval=60, capacity=10)
    log = access_logger(handler)
    for n in range(25):
        log.info("line %d", n)
    assert len(handler.waiting) < 10
    assert stream.getvalue().splitlines() == [f"line {n}" for n in range(20)]


def test_make_serve_installs_it_for_granians_access_lines_and_a_stop_writes_them():
    makefile = (ROOT / "Makefile").read_text()
    assert "--log-config deploy/granian-logging.json" in makefile
    worker = """
import json, logging, sys
from granian.log import LogLevels, configure_logging
configure_logging(LogLevels.info, json.load(open("deploy/granian-logging.json")))
handler, = logging.getLogger("granian.access").handlers
print(type(handler).__name__, flush=True)
logging.getLogger("granian.access").info("GET /news/ 200")
"""
    run = subprocess.run(
        [sys.executable, "-c", worker], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run.stdout.splitlines() == ["BackgroundLogHandler", "GET /news/ 200"], run.stderr
