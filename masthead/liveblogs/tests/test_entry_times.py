"""A live blog's times: every one names its day on the server, and the refresh link is for
readers without JavaScript (the browser's side: ``test_browser_live_blog.py``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from masthead.liveblogs.services import entry_publish, new_entry
from masthead.liveblogs.templatetags.live_tags import live_time
from masthead.liveblogs.tests.factories import make_live_blog
from masthead.news.tests.factories import body_of, make_section
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db


def time_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser").select_one("time.live-time")


def test_a_time_says_its_day_and_year_in_the_papers_time_zone():
    shown = time_of(live_time(datetime(2026, 7, 4, 13, 5, tzinfo=UTC)))  # London: BST
    assert shown["datetime"] == "2026-07-04T14:05:00+01:00"
    assert shown.text == "Sat 4 Jul 2026, 14:05"
    assert shown.select_one(".live-time__day").text == "Sat 4 Jul 2026, "
    assert shown.select_one(".live-time__year").text == " 2026"


def test_past_midnight_in_london_is_the_next_day_though_not_yet_in_utc():
    shown = time_of(live_time(datetime(2026, 7, 4, 23, 30, tzinfo=UTC)))
    # The browser tells today's entries by the attribute's date: it must be the paper's.
    assert shown["datetime"].startswith("2026-07-05T00:30")
    assert shown.text == "Sun 5 Jul 2026, 00:30"


@pytest.fixture
def blog():
    return make_live_blog(make_section("World"))


def test_even_an_entry_from_this_minute_is_sent_with_its_date(client, blog):
    """The kept page and the kept entry HTML are still true after midnight."""
    newest = max(blog.entries.values_list("pk", flat=True))
    added = entry_publish(blog, new_entry(headline="Just now", body=body_of(["Fresh words."])))
    page = BeautifulSoup(client.get(blog.url).content, "html.parser")
    times = page.select(".live-blog__entries time.live-time, .live-blog__key-events time")
    assert len(times) == blog.entries.count() + 2  # every entry, and the two key events
    for shown in times:
        day = datetime.fromisoformat(shown["datetime"])
        assert shown.text == f"{day:%a} {day.day} {day:%b %Y, %H:%M}"
    update = client.get(f"/live/{blog.pk}/after/{newest}/").json()["entries"]
    assert [entry["id"] for entry in update] == [added.pk]
    sent = time_of(update[0]["html"])
    day = datetime.fromisoformat(sent["datetime"])
    assert sent.text == f"{day:%a} {day.day} {day:%b %Y, %H:%M}"


def refresh_link(content: bytes):
    soup = BeautifulSoup(content, "html.parser")
    return soup.find("a", string="Refresh for the latest"), soup


def test_the_refresh_link_is_for_readers_without_javascript_when_the_page_updates_itself(
    client, blog
):
    link, soup = refresh_link(client.get(blog.url).content)
    assert link is not None and link.find_parent("noscript") is not None
    assert soup.select_one("[data-live-updates]") is not None
    assert soup.select_one('script[src="/static/liveblogs/live.js"]') is not None


def test_a_reader_past_the_limit_keeps_the_plain_refresh_link(blog):
    reader = Client()
    exhausted_reader(reader)
    link, soup = refresh_link(reader.get(blog.url).content)
    # Their page asks for nothing new, script or not: the link is their way to the key events.
    assert soup.select_one("[data-live-updates]") is None
    assert link is not None and link.find_parent("noscript") is None


def test_a_closed_blog_has_no_refresh_link_and_still_shortens_its_times(client):
    closed = make_live_blog(make_section("World"), closed=True)
    link, soup = refresh_link(client.get(closed.url).content)
    assert link is None and soup.select_one("[data-live-updates]") is None
    assert soup.select_one(".live-blog")["data-time-zone"] == "Europe/London"
    assert soup.select_one('script[src="/static/liveblogs/live.js"]') is not None
