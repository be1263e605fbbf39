"""One reader firing parallel requests at many articles gets exactly the allowance left.

Raced over HTTP against granian with several workers: on PostgreSQL with the
Redis store when CI provides them, and always on the embedded default (a
SQLite file with the database store).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from masthead.core.tests.live_site import (
    build_live_site,
    destroy_live_site,
    fetch,
    metered_articles,
)

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def sites(live_site, tmp_path_factory):
    """The configured site (PostgreSQL + Redis under CI) and, if that is not it, the embedded one."""
    built = [live_site]
    if os.environ.get("DATABASE_URL") or os.environ.get("REDIS_URL"):
        embedded = build_live_site(tmp_path_factory.mktemp("embedded-site"), embedded=True).start()
        built.append(embedded)
    yield built
    for site in built[1:]:
        destroy_live_site(site)


def test_parallel_requests_from_one_reader_get_exactly_the_allowance(sites):
    for site in sites:
        articles = metered_articles(site)
        assert len(articles) >= 30
        first, set_cookie = fetch(articles[1])  # a new reader reads one and gets a cookie
        assert "You have read 1 of 5" in first
        cookie = set_cookie.split(";", 1)[0]
        assert cookie.startswith("mh_reader=")
        with ThreadPoolExecutor(max_workers=24) as pool:
            pages = [
                page for page, _ in pool.map(fetch, articles[2:], [cookie] * len(articles[2:]))
            ]
        full = [p for p in pages if 'class="article__metered"' in p]
        walls = [p for p in pages if 'class="offer"' in p]
        assert len(full) == 4, f"{site.env.get('DATABASE_URL', 'sqlite')}: {len(full)} full"
        assert len(walls) == len(pages) - 4
        assert all('class="meter-notice"' not in p for p in walls)
