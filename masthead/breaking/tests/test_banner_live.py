"""Over HTTP against the running paper (granian, production settings, its own processes):
a banner switched on from another process reaches every page within 10 seconds, and goes
within 10 seconds of being switched off."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
import requests

from masthead.core.tests.live_site import metered_articles

pytestmark = pytest.mark.live

TEXT = "Flood warning: the Vessa is expected to burst its banks tonight"


def switch(site, *, on: bool, link: str) -> None:
    slug = link.rstrip("/").rsplit("/", 1)[1]
    code = (
        "from masthead.breaking.models import BreakingBanner\n"
        "from masthead.news.models import ArticlePage\n"
        + (
            f"BreakingBanner.objects.create(text={TEXT!r}, "
            f"link_page=ArticlePage.objects.get(slug={slug!r}))\n"
            if on
            else "for banner in BreakingBanner.objects.filter(live=True):\n"
            "    banner.live = False\n"
            "    banner.save()\n"
        )
    )
    site.masthead("shell", "-c", code)


def seconds_until(site, paths: list[str], *, showing: bool, limit: float = 10.0) -> float:
    """How long until every page shows (or no page shows) the banner, for a new reader."""
    started = time.monotonic()
    waiting = set(paths)
    while waiting and time.monotonic() - started < limit + 1:
        for path in list(waiting):
            if (TEXT in requests.get(site.url + path, timeout=30).text) is showing:
                waiting.discard(path)
        time.sleep(0.2)
    assert not waiting, f"still {'without' if showing else 'with'} the banner: {sorted(waiting)}"
    return time.monotonic() - started


def test_the_banner_switches_on_and_off_across_the_site_over_http(live_site):
    story = urlsplit(metered_articles(live_site)[0]).path
    section = "/" + story.strip("/").split("/")[0] + "/"
    paths = ["/", section, story, "/support/"]
    for path in paths * 2:  # kept in the shared cache before the switch
        page = requests.get(live_site.url + path, timeout=30)
        assert page.status_code == 200 and TEXT not in page.text, path

    switch(live_site, on=True, link=story)
    assert seconds_until(live_site, paths, showing=True) < 10
    front = requests.get(live_site.url + "/", timeout=30)
    assert front.headers.get("X-Masthead-Cache") == "hit"  # still the kept page, banner filled in

    switch(live_site, on=False, link=story)
    assert seconds_until(live_site, paths, showing=False) < 10
