"""The pages readers and the newsroom are judged by, in headless Chromium at 1280 and 390 px.

Each page: axe-core finds nothing, no template source shows, and a screenshot
is left in ``test-artifacts/screenshots/`` for people to look at. On a phone
the header is one bar of at most 120 px, its sections behind "Menu".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.core.tests.live_site import fetch
from masthead.core.tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
TEMPLATE_SOURCE = re.compile(r"\{[#%{]|[#%}]\}")
PASSWORD = "masthead-demo"
# Scroll down the page as a reader would, then wait (10 s at most) until every picture has
# loaded or failed: a failed one has no width.
LOAD_EVERY_PICTURE = """async () => {
  document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager');
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(done => setTimeout(done, 30));
  }
  scrollTo(0, 0);
  const settled = [...document.images].map(i => i.complete ? null : new Promise(done => {
    i.addEventListener('load', done); i.addEventListener('error', done);
  }));
  await Promise.race([Promise.all(settled), new Promise(done => setTimeout(done, 10000))]);
}"""


def story_paths(site) -> dict[str, str]:
    """An ordinary story and the live blog (known by their JSON-LD types), from the sitemap."""
    found = {}
    for url in sitemap_locations(lambda path: fetch(site.url + path)[0]):
        if url.count("/") != 5:
            continue
        html, _ = fetch(url)
        kind = re.search(r'"@type": ?"(\w+)"', html)
        key = {"NewsArticle": "article", "LiveBlogPosting": "live-blog"}.get(kind and kind[1])
        if key:
            found.setdefault(key, url.replace(site.url, ""))
        if len(found) == 2:
            return found
    raise AssertionError(f"The demo lacks a story or its live blog: {found}")


def log_in(page, site, email: str) -> None:
    page.goto(site.url + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    assert "/accounts/login/" not in page.url, f"{email} was not logged in"


def check(page, axe, name: str, width_name: str) -> list[str]:
    """What is wrong with the page on screen; its screenshot saved either way."""
    problems = []
    text = page.locator("body").inner_text()
    if TEMPLATE_SOURCE.search(text):
        problems.append(f"{name}: template source on the page: {TEMPLATE_SOURCE.search(text)[0]!r}")
    results = axe.run(page)
    if results.violations_count:
        problems.append(f"{name} ({width_name}): {results.generate_report()}")
    # Pictures below the fold load as a reader scrolls: load them all before the whole-page shot.
    page.evaluate(LOAD_EVERY_PICTURE)
    broken = page.evaluate(
        "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    if broken:
        problems.append(f"{name} ({width_name}): pictures that do not show: {broken}")
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width_name}.png"), full_page=True)
    return problems


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_every_page_a_reader_reaches_is_accessible_and_shows_no_template_source(
    browser, live_site, width_name
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width, height = WIDTHS[width_name]
    stories = story_paths(live_site)
    reader_pages = {
        "front": "/",
        "article": stories["article"],
        "live-blog": stories["live-blog"],
        "subscribe": "/subscribe/",
        "offer": "/offers/welcome/",
        "signup": "/accounts/signup/",
        "login": "/accounts/login/",
        "password-reset": "/accounts/password/reset/",
        "newsletters": "/newsletters/",
        "support": "/support/",
        "about": "/about/",
    }
    subscriber_pages = {"account": "/account/", "newsletters-subscriber": "/newsletters/"}
    axe = Axe()
    problems: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for name, path in reader_pages.items():
        response = page.goto(live_site.url + path)
        assert response.status == 200, path
        problems += check(page, axe, name, width_name)
    log_in(page, live_site, "subscriber@example.com")
    for name, path in subscriber_pages.items():
        assert page.goto(live_site.url + path).status == 200, path
        problems += check(page, axe, name, width_name)
    context.close()
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_header_is_one_bar_and_the_sections_are_behind_menu(browser, live_site):
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(live_site.url + "/")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 120, header
        sections = page.get_by_role("navigation", name="Sections")
        assert not sections.is_visible()
        assert page.get_by_role("link", name="Search").first.is_visible()
        page.locator(".site-header__menu").click()
        assert sections.is_visible()
        sections.get_by_role("link", name="World").click()
        page.wait_for_url(live_site.url + "/world/")
        context.close()


def test_a_subscriber_is_never_asked_to_subscribe_in_the_header(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_site.url + "/")
    header = page.locator(".site-header__reader")
    assert header.get_by_role("link", name="Subscribe").is_visible()
    log_in(page, live_site, "subscriber@example.com")
    for path in ("/", story_paths(live_site)["article"]):
        page.goto(live_site.url + path)
        assert header.get_by_role("link", name="Your account").is_visible()
        assert header.get_by_role("link", name="Subscribe").count() == 0
    context.close()


def test_the_typefaces_are_the_papers_own_and_served_by_the_site(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_site.url + story_paths(live_site)["article"])
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family.replaceAll('\"', ''))"
    )
    assert {"Newsreader", "Source Sans 3"} <= set(loaded), loaded
    headline_font = page.locator("h1").evaluate("h => getComputedStyle(h).fontFamily")
    assert headline_font.replace('"', "").startswith("Newsreader,"), headline_font
    elsewhere = [url for url in requests if not url.startswith(live_site.url)]
    assert elsewhere == [], elsewhere  # no request leaves the site
    context.close()
