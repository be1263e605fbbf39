"""The dashboard in headless Chromium, as the demo editor opens it, at 1280 and 390 px.

Its charts are drawn (axes and marks in each SVG), no template source shows,
axe-core finds nothing, nothing is fetched from another site, and a
screenshot is left in /tmp for people to look at.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

TEMPLATE_SOURCE = re.compile(r"\{[#%{]|[#%}]\}")
WIDTHS = {1280: 900, 390: 844}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_demo_editor_sees_the_dashboard_drawn_and_accessible(browser, live_site, width):
    height = WIDTHS[width]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_site.url}/accounts/login/?next=/admin/analytics/%3Frange%3D30")
    page.fill('input[name="login"]', "editor@example.com")
    page.fill('input[name="password"]', "masthead-demo")
    page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    page.wait_for_url("**/admin/analytics/?range=30")
    page.reload()  # without Wagtail's "You are logged in" message, which fades in
    assert page.get_by_role("heading", name="Top stories").is_visible()

    charts = page.locator("svg.analytics-chart[role=img]")
    assert charts.count() == 3
    for n in range(charts.count()):
        chart = charts.nth(n)
        assert chart.get_attribute("aria-label")
        drawn = chart.evaluate(
            "svg => [...svg.querySelectorAll('path, rect')]"
            ".filter(mark => mark.getBBox().width > 0 || mark.getBBox().height > 0).length"
        )
        assert drawn > 0, chart.get_attribute("aria-label")
    line = page.locator("svg.analytics-chart--wide path.analytics-chart__line-first")
    assert line.count() >= 1  # page views per day, the 30 days as one line

    now = page.request.get(live_site.url + "/admin/analytics/now/")  # what the script fetches
    assert now.ok and "page view" in now.text()

    text = page.locator("body").inner_text()
    assert not TEMPLATE_SOURCE.search(text), TEMPLATE_SOURCE.search(text)[0]
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()
    # The admin scrolls inside its own frame: grow the window to the page to photograph it all.
    tallest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": width, "height": max(tallest, height)})
    page.screenshot(path=f"/tmp/dashboard-{width}.png", full_page=True)
    elsewhere = [url for url in requests if not url.startswith(live_site.url)]
    assert elsewhere == [], elsewhere
    context.close()


def editor_page(browser, live_site, path: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    page = context.new_page()
    page.clock.install()
    page.goto(f"{live_site.url}/accounts/login/?next={path}")
    page.fill('input[name="login"]', "editor@example.com")
    page.fill('input[name="password"]', "masthead-demo")
    page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    page.wait_for_url(f"**{path}")
    return page


def test_right_now_is_fetched_again_every_half_minute(browser, live_site):
    page = editor_page(browser, live_site, "/admin/analytics/")
    panel = page.locator("#analytics-now")
    page.evaluate("document.querySelector('#analytics-now strong').textContent = 'stale'")
    with page.expect_response("**/admin/analytics/now/"):
        page.clock.run_for(31_000)
    page.wait_for_function(
        "!document.querySelector('#analytics-now').textContent.includes('stale')"
    )
    assert "page views in the last 5 minutes" in panel.inner_text().replace("view ", "views ")
    page.context.close()


def test_the_story_editor_shows_the_editor_its_readers(browser, live_site):
    page = editor_page(browser, live_site, "/admin/analytics/?range=30")
    edits = page.get_by_role("link", name=re.compile("^Edit "))
    addresses = [edits.nth(n).get_attribute("href") for n in range(min(edits.count(), 5))]
    panel = page.locator("[data-analytics-story-panel]")
    for address in addresses:  # the top five may include a live blog, which has no such panel
        page.goto(live_site.url + address)
        if panel.count():
            break
    assert panel.count() == 1, addresses
    panel.scroll_into_view_if_needed()
    assert "Page views" in panel.inner_text()
    assert panel.locator("svg[role=img] path").count() >= 2
    panel.screenshot(path="/tmp/story-panel.png")
    page.context.close()
