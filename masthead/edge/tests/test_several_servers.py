"""Two app servers, one meter, one page cache: exact allowances, precise invalidation.

Two granian processes on different ports share the database and (under CI)
Redis, as app servers behind a load balancer do. A change made on one shows
on the other's cached front page at once, and leaves the pages it does not
touch in the cache.
"""

from __future__ import annotations

import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from masthead.core.tests.live_site import (
    build_live_site,
    destroy_live_site,
    fetch,
    metered_articles,
)

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    first = build_live_site(tmp_path_factory.mktemp("two-servers")).start()
    second = first.another_server().start()
    yield first, second
    second.stop()
    destroy_live_site(first)


@pytest.fixture(scope="module")
def paths(servers):
    return [urlsplit(url).path for url in metered_articles(servers[0])]


def read_all(servers, paths, cookie: str = "") -> tuple[list[str], str]:
    """One reader reads ``paths`` in turn, alternating servers; returns the pages and cookie."""
    pages = []
    for n, path in enumerate(paths):
        page, set_cookie = fetch(servers[n % 2].url + path, cookie)
        cookie = cookie or set_cookie.split(";", 1)[0]
        pages.append(page)
    return pages, cookie


def test_one_reader_alternating_between_servers_gets_exactly_the_allowance(servers, paths):
    pages, cookie = read_all(servers, paths[:8])
    assert cookie.startswith("mh_reader=")
    for n, page in enumerate(pages[:5], start=1):
        assert f"You have read {n} of 5 free articles" in page
        assert 'class="article__metered"' in page
    for page in pages[5:]:
        assert 'class="offer"' in page and 'class="article__metered"' not in page
    # Past the limit on both servers, and an article already read stays readable.
    again, _ = read_all(servers[::-1], [paths[0], paths[6]], cookie)
    assert "You have read 5 of 5" in again[0]
    assert 'class="offer"' in again[1]


def test_twelve_parallel_readers_over_both_servers_get_exactly_five_each(servers, paths):
    def reader(n: int) -> list[str]:
        _, cookie = fetch(servers[n % 2].url + paths[n % len(paths)])  # one read, a cookie
        cookie = cookie.split(";", 1)[0]
        others = [p for p in paths if p != paths[n % len(paths)]][:9]
        with ThreadPoolExecutor(max_workers=6) as pool:
            return list(
                pool.map(
                    lambda item: fetch(servers[item[0] % 2].url + item[1], cookie)[0],
                    enumerate(others),
                )
            )

    with ThreadPoolExecutor(max_workers=12) as pool:
        readers = list(pool.map(reader, range(12)))
    for pages in readers:
        assert sum('class="article__metered"' in p for p in pages) == 4  # plus the first read
        assert sum('class="offer"' in p for p in pages) == 5


def test_a_change_on_one_server_shows_on_the_others_cached_front_at_once(servers):
    first, second = servers
    headline = "Lighthouse keepers return to Ardmouth after forty years"
    for _ in range(20):  # until the second server sends its front from memory
        front = urllib.request.urlopen(second.url + "/", timeout=30)
        if front.headers["X-Masthead-Cache"] == "hit":
            break
    assert front.headers["X-Masthead-Cache"] == "hit"
    # Another section's front, kept on the second server, is not touched by the publish.
    for _ in range(20):
        sport = urllib.request.urlopen(second.url + "/sport/", timeout=30)
        if sport.headers["X-Masthead-Cache"] == "hit":
            break
    assert sport.headers["X-Masthead-Cache"] == "hit"
    first.masthead(
        "shell",
        "-c",
        "from masthead.news.models import SectionPage\n"
        "from masthead.news.services import article_create, paragraph_html\n"
        "from django.utils import timezone\n"
        "article_create(section=SectionPage.objects.get(slug='britain'),"
        f" headline={headline!r}, standfirst='The light is lit again.',"
        " body=[{'type': 'paragraph', 'value': paragraph_html('The keepers came home.')}],"
        " published_at=timezone.now())",
    )
    page, _ = fetch(second.url + "/")
    assert headline in page
    section, _ = fetch(second.url + "/britain/")
    assert headline in section
    # The rest stays kept: both worker processes of the second server answer from the cache.
    for _ in range(6):
        sport = urllib.request.urlopen(second.url + "/sport/", timeout=30)
        assert sport.headers["X-Masthead-Cache"] == "hit"
    # And taken down again through the newsroom on the first server.
    path = re.search(r'href="(/britain/lighthouse-keepers[^"]*)"', page).group(1)
    unpublish_through_the_admin(first, path)
    assert headline not in fetch(second.url + "/")[0]


def unpublish_through_the_admin(site, path: str) -> None:
    import requests

    browser = requests.Session()
    login = browser.get(site.url + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = browser.post(
        site.url + "/accounts/login/",
        data={
            "login": "editor@example.com",
            "password": "masthead-demo",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": site.url + "/accounts/login/"},
        timeout=30,
    )
    assert response.ok
    found = browser.get(site.url + "/admin/pages/search/", params={"q": "Lighthouse keepers"})
    page_id = re.search(r"/admin/pages/(\d+)/edit/", found.text).group(1)
    form = browser.get(f"{site.url}/admin/pages/{page_id}/unpublish/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    done = browser.post(
        f"{site.url}/admin/pages/{page_id}/unpublish/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": form.url},
        timeout=30,
    )
    assert done.ok
    assert fetch_status(site.url + path) == 404


def fetch_status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code
