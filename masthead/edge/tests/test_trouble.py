"""Trouble under load: Redis stopping and database connections killed.

The Redis here is one the test starts on a port of its own and stops itself;
the machine's shared Redis is never touched. Connections are killed only on
the live site's own PostgreSQL database.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urlsplit

import pytest

from masthead.core.tests.live_site import (
    OwnRedis,
    build_live_site,
    destroy_live_site,
    eventually,
    metered_articles,
)

pytestmark = pytest.mark.live


def get(url: str, cookie: str = "") -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(), response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), ""


class Load:
    """Readers hitting the site from a few threads until stopped; every status is kept."""

    def __init__(self, urls: list[str], threads: int = 4):
        self.urls = urls
        self.statuses: Counter = Counter()
        self.failures: list[tuple[float, int]] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def _run(self, n: int) -> None:
        i = n
        while not self.stopping.is_set():
            status, _, _ = get(self.urls[i % len(self.urls)])
            self.statuses[status] += 1
            if status >= 500:
                self.failures.append((time.monotonic(), status))
            i += 1

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


@pytest.fixture(scope="module")
def own_redis():
    server = OwnRedis().start()
    yield server
    server.remove()


@pytest.fixture(scope="module")
def site(tmp_path_factory, own_redis):
    built = build_live_site(tmp_path_factory.mktemp("trouble"), redis_url=own_redis.url).start()
    yield built
    destroy_live_site(built)


def wait_until(condition, timeout: float = 20.0) -> bool:
    return eventually(condition, timeout, every=0.2)


def test_redis_stopping_under_load_costs_no_errors_and_service_returns(site, own_redis):
    articles = metered_articles(site)
    article, front = articles[0], site.url + "/"
    with Load([front, site.url + "/britain/", *articles[:6]]) as load:
        time.sleep(2)
        own_redis.stop()
        time.sleep(1)
        # Redis is down: pages still serve, the article falls back to the teaser.
        status, page, _ = get(article)
        assert status == 200
        assert 'class="offer"' in page and 'class="article__metered"' not in page
        assert get(front)[0] == 200
        time.sleep(2)
        own_redis.start()
        # Full service returns by itself: a new reader reads in full and is counted.
        assert wait_until(lambda: "You have read 1 of 5" in get(article)[1])
        time.sleep(1)
    assert load.statuses[200] > 100
    assert not load.failures, f"server errors under load: {load.statuses}"
    log = site.log_path.read_text()
    assert "Meter store unavailable, serving the teaser instead" in log


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="pg_terminate_backend is PostgreSQL's; the embedded SQLite has no server to lose",
)
def test_killed_database_connections_cost_at_most_the_requests_in_flight(site):
    import psycopg

    database = urlsplit(site.env["DATABASE_URL"]).path.lstrip("/")
    admin = urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    # Pages that read the database on every request (not kept in the shared cache).
    urls = [site.url + "/search/?q=strike", site.url + "/subscribe/", site.url + "/support/"]
    threads = 4
    with Load(urls, threads=threads) as load:
        time.sleep(2)
        with psycopg.connect(admin, autocommit=True) as connection:
            killed = connection.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            ).fetchone()[0]
        time.sleep(2)
    assert killed >= 1
    assert len(load.failures) <= threads, (
        f"more than the requests in flight failed: {load.statuses}"
    )
    # The next requests succeed without restarting anything.
    assert all(get(url)[0] == 200 for url in urls for _ in range(3))
