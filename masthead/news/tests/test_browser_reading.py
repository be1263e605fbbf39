"""A reader in headless Chromium on the served demo paper.

Clicking through the paper, the skip link, axe-core on the fronts and every kind
of story at both widths, and screenshots of an article, an opinion piece and a review.
"""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.core.tests.live_site import fetch
from masthead.core.tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


def article_urls(page, site) -> list[str]:
    locs = sitemap_locations(lambda path: fetch(site.url + path)[0])
    return [u for u in locs if u.count("/") == 5]


def article_of_kind(site, schema_type: str) -> str:
    """The path of a demo story of one kind, known by its schema.org type in the JSON-LD."""
    for url in article_urls(None, site):
        page, _ = fetch(url)
        found = re.search(r'application/ld\+json">(.*?)</script>', page, re.S)
        if found and json.loads(found.group(1)).get("@type") == schema_type:
            return url.replace(site.url, "")
    raise AssertionError(f"The demo has no {schema_type}")


def test_a_reader_clicks_from_the_front_page_to_a_section_to_an_article(page, live_site):
    page.goto(live_site.url + "/")
    nav = page.get_by_role("navigation", name="Sections")
    nav.get_by_role("link", name="World").click()
    page.wait_for_url(live_site.url + "/world/")
    assert page.locator("h1").inner_text() == "World"
    first = page.locator(".card__headline a").first
    headline = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == headline
    assert page.locator(".article__section a").text_content() == "World"
    assert page.locator(".article__body p").count() >= 5
    hero = page.locator(".article__hero img")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_skip_link_moves_focus_to_the_main_content(page, live_site):
    page.goto(article_urls(page, live_site)[0])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_axe_finds_no_violations(browser, live_site, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    article = article_urls(page, live_site)[0].replace(live_site.url, "")
    urls = [
        "/",
        "/britain/",
        article,
        article_of_kind(live_site, "OpinionNewsArticle"),
        article_of_kind(live_site, "ReviewNewsArticle"),
        "/search/?q=strike",
        "/no-such-page/",
        "/support/",
        "/subscribe/",
        "/accounts/login/",
        "/accounts/signup/",
        "/privacy/",
    ]
    axe = Axe()
    failures = {}
    for url in urls:
        response = page.goto(live_site.url + url)
        assert response.status == (404 if url == "/no-such-page/" else 200), url
        results = axe.run(page)
        if results.violations_count:
            failures[url] = results.generate_report()
    context.close()
    assert not failures, "\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_screenshots_of_the_stories_for_people_to_look_at(browser, live_site):
    """An article, an opinion piece and a review (the fronts: test_browser_front.py)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stories = {
        "article": "/britain/ardmouth-strike-begins-ships-queue-offshore/",
        "opinion": article_of_kind(live_site, "OpinionNewsArticle"),
        "review": article_of_kind(live_site, "ReviewNewsArticle"),
    }
    for story, path in stories.items():
        for name, (width, height) in {"desktop": (1280, 900), "mobile": (390, 844)}.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            assert page.goto(live_site.url + path).status == 200
            page.evaluate(
                "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
            )
            page.wait_for_load_state("networkidle")
            target = ARTIFACTS / f"{story}-{name}.png"
            page.screenshot(path=str(target), full_page=True)
            context.close()
            assert target.stat().st_size > 10_000
