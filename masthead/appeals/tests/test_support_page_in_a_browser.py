"""/support/ in headless Chromium: axe-core finds nothing, and the form works from the keyboard.

The pages are rendered by Django's test client first and then served to the
browser, with the real static files, by request interception. While Playwright's
sync API runs, the main thread carries a running event loop, and Django refuses
ORM calls there; this way no query happens while the browser is open, and no
loop is left behind for the tests that run after these.
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders

from masthead.appeals.tests.factories import give, make_campaign
from masthead.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ORIGIN = "http://masthead.test"


@pytest.fixture
def pages(client):
    """The support pages as the server sends them: fresh, with errors, and the thank-you page."""
    appeal = make_campaign(
        name="The Winter Appeal",
        summary="Keep the Lantern lit through the winter.",
        story="We need your help.\n\nEvery pound goes into reporting.",
        target_pence=50_000 * 100,
    )
    give(appeal, 31_000 * 100)
    with_errors = client.post(
        "/support/", {"other_amount": "ten", "frequency": "once", "email": ""}
    )
    assert b"Please check the form" in with_errors.content
    return {
        "/support/": client.get("/support/").content,
        "/support/with-errors/": with_errors.content,
        "/support/thanks/": client.get(f"/support/thanks/?campaign={appeal.pk}").content,
    }


def open_browser(playwright, pages: dict, width: int = 1280, height: int = 900):
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()

    def serve(route):
        path = urlsplit(route.request.url).path
        if path in pages:
            route.fulfill(body=pages[path], content_type="text/html; charset=utf-8")
            return
        found = path.startswith(settings.STATIC_URL) and finders.find(
            path.removeprefix(settings.STATIC_URL)
        )
        if found:
            route.fulfill(path=found)
        else:
            route.fulfill(status=404, body="")

    page.route("**/*", serve)
    return browser, page


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_axe_finds_no_violations_on_the_support_pages(pages, width, height):
    from playwright.sync_api import sync_playwright

    failures = {}
    with sync_playwright() as playwright:
        browser, page = open_browser(playwright, pages, width, height)
        axe = Axe()
        for path in pages:
            page.goto(ORIGIN + path)
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "", path
            results = axe.run(page)
            if results.violations_count:
                failures[path] = results.generate_report()
        browser.close()
    assert not failures, "\n".join(f"{path}\n{report}" for path, report in failures.items())


def test_the_amounts_can_be_chosen_from_the_keyboard_with_a_visible_focus(pages):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page = open_browser(playwright, pages)
        page.goto(ORIGIN + "/support/")
        # The stylesheet for appeals is loaded (its rules hide the native radio circles).
        assert page.locator("#id_amount_0").evaluate("el => getComputedStyle(el).opacity") == "0"
        page.get_by_label("£10", exact=True).focus()
        page.keyboard.press("ArrowRight")
        checked = page.get_by_label("£25", exact=True).is_checked()
        outline = page.locator("label[for='id_amount_2']").evaluate(
            "el => getComputedStyle(el).outlineStyle"
        )
        browser.close()
    assert checked
    assert outline == "solid"
