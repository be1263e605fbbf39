"""A reader in headless Chromium: clicking through the paper, the skip link, and axe-core."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.news.demo.loader import load_demo
from masthead.news.models import ArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


@pytest.fixture
def demo(live_server):
    load_demo(limit=14)
    return live_server.url


def test_a_reader_clicks_from_the_front_page_to_a_section_to_an_article(page, demo):
    page.goto(demo + "/")
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Culture").click()
    page.wait_for_url(demo + "/culture/")
    assert page.locator("h1").inner_text() == "Culture"
    first = page.locator(".card__headline a").first
    headline = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == headline
    assert page.locator(".article__section a").text_content() == "Culture"
    assert page.locator(".article__body p").count() >= 5
    assert page.locator(".article__hero img").evaluate(
        "img => img.complete && img.naturalWidth > 0"
    )


def test_the_skip_link_moves_focus_to_the_main_content(page, demo):
    article = ArticlePage.objects.live().first()
    page.goto(demo + article.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_axe_finds_no_violations(browser, demo, width, height):
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    urls = ["/", "/britain/", article.url, "/search/?q=strike", "/no-such-page/"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    axe = Axe()
    failures = {}
    for url in urls:
        response = page.goto(demo + url)
        assert response.status == (404 if url == "/no-such-page/" else 200), url
        results = axe.run(page)
        if results.violations_count:
            failures[url] = results.generate_report()
    context.close()
    assert not failures, "\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_screenshots_of_the_article_page_for_people_to_look_at(browser, demo):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    article = (
        ArticlePage.objects.live().filter(body__icontains='"image"').first()
        or ArticlePage.objects.live().first()
    )
    for name, viewport in {"desktop": (1280, 900), "mobile": (390, 844)}.items():
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=1
        )
        page = context.new_page()
        page.goto(demo + article.url)
        path = ARTIFACTS / f"article-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        context.close()
        assert path.stat().st_size > 10_000
