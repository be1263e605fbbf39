"""The demo's live blog in headless Chromium: a new entry arrives without a reload."""

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


def test_axe_finds_no_violations_on_the_live_blog(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    response = page.goto(live_site.url + blog_path(live_site))
    assert response.status == 200
    results = Axe().run(page)
    context.close()
    assert not results.violations_count, results.generate_report()
