"""Meter stores for the contract suite: the database, and a real Redis."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

from masthead.paywall.meter.database import DatabaseMeterStore
from masthead.paywall.meter.redis import RedisMeterStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """``REDIS_URL`` when set (CI: 127.0.0.1:6379); otherwise a redis-server of our own."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    assert binary, "The Redis meter store tests need REDIS_URL or a redis-server binary."
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="masthead-redis-")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(params=["database", "redis"])
def store(request, db):
    if request.param == "database":
        yield DatabaseMeterStore()
        return
    url = request.getfixturevalue("redis_url")
    prefix = f"masthead-test-meter-{uuid.uuid4().hex[:8]}"
    store = RedisMeterStore(url=url, prefix=prefix)
    yield store
    for key in store.client.scan_iter(match=f"{prefix}:*"):
        store.client.delete(key)
