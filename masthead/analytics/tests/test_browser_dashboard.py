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
