"""Meter stores for the contract suite: the database, and a real Redis."""

import os
import uuid

import pytest

from masthead.core.tests.live_site import OwnRedis
from masthead.paywall.meter.database import DatabaseMeterStore
from masthead.paywall.meter.redis import RedisMeterStore


@pytest.fixture(scope="session")
def redis_url():
    """``REDIS_URL`` when set (CI: 127.0.0.1:6379); otherwise a redis-server of our own."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = OwnRedis().start()
    yield server.url
    server.remove()


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
