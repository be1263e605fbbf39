"""Meter stores for the contract suite: the database, and a real Redis."""

import uuid

import pytest

from masthead.paywall.meter.database import DatabaseMeterStore
from masthead.paywall.meter.redis import RedisMeterStore


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
