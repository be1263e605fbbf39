"""Reads over real HTTP on the shipped server (granian, two workers) reach the report exactly."""

import json
import urllib.request
import uuid
from urllib.parse import urlsplit

import pytest

from masthead.analytics.tests.helpers import DESKTOP
from masthead.core.tests.live_site import eventually, metered_articles

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def counting_server(live_site):
    """A second server on the live site's database, writing its counts every second."""
    server = live_site.another_server()
    server.env["MASTHEAD_READS_FLUSH_SECONDS"] = "1"
    server.start()
    yield server
    server.stop()


def get(url: str, referrer: str) -> str:
    """A new reader's GET; returns how the page was sent (``hit``: from the shared cache)."""
    request = urllib.request.Request(url, headers={"User-Agent": DESKTOP, "Referer": referrer})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return response.headers.get("X-Masthead-Cache", "rendered")


def test_a_known_set_of_reads_is_exactly_what_the_report_shows(live_site, counting_server):
    article = urlsplit(metered_articles(live_site)[0]).path
    domain = f"reads-{uuid.uuid4().hex[:8]}.example.net"  # this test's readers alone come from it
    referrer = f"https://{domain}/links"
    sent = [get(counting_server.url + "/", referrer) for _ in range(3)]
    sent += [get(counting_server.url + article, referrer) for _ in range(4)]
    assert "hit" in sent  # kept pages and rendered ones alike

    def ours() -> dict | None:
        report = json.loads(counting_server.masthead("analytics", "report", "--format", "json"))
        return next((row for row in report["sources"] if row["detail"] == domain), None)

    assert eventually(lambda: (ours() or {}).get("pageviews") == 7, timeout=30, every=1)
    assert ours() | {"subscriptions": 0} == {
        "source": "other",
        "detail": domain,
        "pageviews": 7,
        "full": 4,
        "subscriptions": 0,
        "donations": 0,
        "revenue": 0.0,
    }
