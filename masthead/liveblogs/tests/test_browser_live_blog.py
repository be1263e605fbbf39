"""The demo's live blog in headless Chromium: a new entry arrives without a reload, times
name their day unless it is today (and again once midnight passes on an open page), and
the refresh link is for readers without JavaScript."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PUBLISH_AN_ENTRY = """
from masthead.liveblogs.models import LiveBlogPage
from masthead.liveblogs.services import entry_publish, new_entry
blog = LiveBlogPage.objects.live().get(slug__startswith="vessa-floods-live")
entry_publish(blog, new_entry(
    headline="Boats reach the last street",
    body=[{"type": "paragraph", "value": "<p>Rescuers reached the last flooded street.</p>"}],
))
"""

BLOG_URL_OF = """
from masthead.liveblogs.models import LiveBlogPage
print(LiveBlogPage.objects.live().get(slug__startswith="vessa-floods-live").url)
"""


def blog_path(site) -> str:
    return site.masthead("shell", "-c", BLOG_URL_OF).strip().splitlines()[-1]


def test_a_published_entry_appears_on_an_open_page_without_a_reload(page, live_site):
    page.goto(live_site.url + blog_path(live_site))
    assert page.locator(".live-blog__key-events li").count() == 3
    assert page.locator(".live-entry--pinned").count() == 1
    before = page.locator(".live-blog__feed .live-entry").count()
    page.evaluate("window.notReloaded = true")
    live_site.masthead("shell", "-c", PUBLISH_AN_ENTRY)
    newest = page.locator(".live-blog__feed .live-entry").first
    newest.get_by_text("Boats reach the last street").wait_for(timeout=10_000)
    assert page.evaluate("window.notReloaded") is True  # the same page, not a new one
    assert page.locator(".live-blog__feed .live-entry").count() == before + 1
    assert "new entry" in page.locator(".live-blog__status").text_content()
    # Published a moment ago: today's, so its time alone; the demo's day, days ago, with its day.
    assert re.fullmatch(r"\d\d:\d\d", newest.locator("time.live-time").inner_text())
    older = page.locator(".live-blog__feed .live-entry time.live-time").last
    assert re.fullmatch(r"\w{3} \d{1,2} \w{3}( \d{4})?, \d\d:\d\d", older.inner_text())


def test_axe_finds_no_violations_on_the_live_blog(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    response = page.goto(live_site.url + blog_path(live_site))
    assert response.status == 200
    results = Axe().run(page)
    context.close()
    assert not results.violations_count, results.generate_report()


LONDON = ZoneInfo("Europe/London")


def demo_day_times(page) -> list[tuple[datetime, str]]:
    """The demo day's entries, as (their moment, what the page shows)."""
    shown = []
    for time_element in page.locator(".live-blog__feed time.live-time").all():
        moment = datetime.fromisoformat(time_element.get_attribute("datetime"))
        shown.append((moment, time_element.inner_text()))
    day = min(moment.date() for moment, _ in shown)  # the demo's; a test may add one of today
    return [(moment, text) for moment, text in shown if moment.date() == day]


def test_an_open_page_gives_yesterdays_entries_their_day_once_midnight_passes(browser, live_site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(live_site.url + blog_path(live_site))
    day = demo_day_times(page)[0][0].date()
    before_midnight = datetime.combine(day, time(23, 59, 20), LONDON)
    page.clock.install(time=before_midnight)
    page.goto(live_site.url + blog_path(live_site))  # the same kept page, read that evening
    entries = demo_day_times(page)
    assert entries and all(text == f"{moment:%H:%M}" for moment, text in entries)
    page.clock.run_for(90_000)  # midnight, with the page left open
    year = "" if (day + timedelta(days=1)).year == day.year else f" {day.year}"
    for moment, text in demo_day_times(page):
        assert text == f"{moment:%a} {moment.day} {moment:%b}{year}, {moment:%H:%M}"
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_refresh_link_shows_only_without_javascript(browser, live_site, width):
    url = live_site.url + blog_path(live_site)
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(url)
        refresh = page.get_by_role("link", name="Refresh for the latest")
        if javascript:
            assert refresh.count() == 0
        else:
            assert refresh.is_visible()
            # Without the script every time keeps its full date, year and all.
            first = page.locator(".live-blog__feed time.live-time").last
            assert re.fullmatch(r"\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d", first.inner_text())
        context.close()
