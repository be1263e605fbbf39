"""One contract, every meter store: the database store and the Redis store pass the same tests."""

import os
import threading

import pytest
from django.db import connection

from masthead.paywall.meter import MeterUnavailable, load_store
from masthead.paywall.meter.redis import RedisMeterStore
from masthead.paywall.periods import current_period


def month(offset: int) -> str:
    """This month moved by ``offset`` months ("2026-12")."""
    year, number = map(int, current_period().split("-"))
    index = year * 12 + number - 1 + offset
    return f"{index // 12}-{index % 12 + 1:02d}"


# This month, the next and the one before: a Redis meter set expires a week after its month
# ends, so a month long past would be gone before the test looks.
P, NEXT, EARLIER = month(0), month(1), month(-1)


def test_grant_counts_until_the_limit_then_refuses(store):
    grants = [store.grant(reader_key="r", period=P, article_id=a, limit=3) for a in (1, 2, 3, 4)]
    assert [g.counted_now for g in grants] == [True, True, True, False]
    assert [g.used for g in grants] == [1, 2, 3, 3]
    assert store.used(reader_key="r", period=P) == 3
    assert store.articles(reader_key="r", period=P) == {1, 2, 3}


def test_a_reread_is_recognised_and_not_counted_again(store):
    store.grant(reader_key="r", period=P, article_id=7, limit=2)
    again = store.grant(reader_key="r", period=P, article_id=7, limit=2)
    assert again.already_counted and not again.counted_now and again.used == 1
    store.grant(reader_key="r", period=P, article_id=8, limit=2)
    # At the limit, an article already read is still a reread.
    assert store.grant(reader_key="r", period=P, article_id=7, limit=2).already_counted


def test_a_granted_read_is_recorded_under_the_browser_too(store):
    """A logged-in reader's read is the browser's as well; a refused one is nobody's."""
    store.grant(reader_key="user:1", period=P, article_id=1, limit=2, also_keys=("anon:b",))
    store.grant(reader_key="user:1", period=P, article_id=1, limit=2, also_keys=("anon:c",))
    store.grant(reader_key="user:1", period=P, article_id=2, limit=2, also_keys=("anon:b",))
    refused = store.grant(
        reader_key="user:1", period=P, article_id=3, limit=2, also_keys=("anon:b",)
    )
    assert not refused.counted_now
    assert store.articles(reader_key="anon:b", period=P) == {1, 2}
    assert store.articles(reader_key="anon:c", period=P) == {1}  # a reread in another browser
    assert store.articles(reader_key="user:1", period=P) == {1, 2}


def test_readers_and_months_are_separate(store):
    store.grant(reader_key="a", period=P, article_id=1, limit=1)
    assert store.grant(reader_key="b", period=P, article_id=1, limit=1).counted_now
    assert store.grant(reader_key="a", period=NEXT, article_id=2, limit=1).counted_now
    assert not store.grant(reader_key="a", period=P, article_id=2, limit=1).counted_now


def test_carry_over_adds_anonymous_reads_to_the_account(store):
    for article in (1, 2, 3):
        store.grant(reader_key="anon:x", period=P, article_id=article, limit=5)
    store.grant(reader_key="user:1", period=P, article_id=3, limit=10)
    store.grant(reader_key="user:1", period=P, article_id=4, limit=10)
    assert store.carry_over(from_key="anon:x", to_key="user:1", period=P) == 4
    assert store.articles(reader_key="user:1", period=P) == {1, 2, 3, 4}
    # Carrying over twice changes nothing.
    assert store.carry_over(from_key="anon:x", to_key="user:1", period=P) == 4


def test_purge_forgets_earlier_months_only(store):
    store.grant(reader_key="r", period=EARLIER, article_id=1, limit=5)
    store.grant(reader_key="r", period=P, article_id=1, limit=5)
    store.purge(before_period=P)
    assert store.used(reader_key="r", period=EARLIER) == 0
    assert store.used(reader_key="r", period=P) == 1


# Threads need a database that takes concurrent connections: PostgreSQL here. The
# SQLite path is raced through a live server on a database file instead
# (masthead/paywall/tests/test_concurrency.py), as the test database is in memory.
RACED_STORES = ["redis"] + (
    ["database"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else []
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", RACED_STORES)
def test_parallel_grants_never_exceed_the_limit(kind, request):
    if kind == "database":
        from masthead.paywall.meter.database import DatabaseMeterStore

        store = DatabaseMeterStore()
    else:
        store = RedisMeterStore(url=request.getfixturevalue("redis_url"), prefix=f"t-{id(request)}")
    results, errors = [], []

    def read(article_id):
        try:
            results.append(
                store.grant(reader_key="racer", period=P, article_id=article_id, limit=5)
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(a,)) for a in range(1, 41)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sum(r.counted_now for r in results) == 5
    assert store.used(reader_key="racer", period=P) == 5
    if kind == "redis":
        store.client.delete(f"t-{id(request)}:{P}:racer")


def test_an_unreachable_redis_raises_meter_unavailable():
    dead = RedisMeterStore(url="redis://127.0.0.1:1/0", timeout=0.2)
    with pytest.raises(MeterUnavailable):
        dead.grant(reader_key="r", period=P, article_id=1, limit=5)


def test_a_bad_backend_path_is_a_clear_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="cannot be imported"):
        load_store({"BACKEND": "masthead.paywall.meter.nowhere.Store"})
    with pytest.raises(ImproperlyConfigured, match="is not a MeterStore"):
        load_store({"BACKEND": "masthead.paywall.policy.decide"})
