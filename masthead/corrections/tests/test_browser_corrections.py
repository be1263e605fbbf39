"""The corrections in headless Chromium: axe-core finds nothing on the list or on a corrected story."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from masthead.appeals.tests.test_support_page_in_a_browser import ORIGIN, open_browser
from masthead.corrections.models import Correction

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def pages(client, paper):
    article = paper["articles"]["vote"]
    first = Correction.objects.create(
        article=article,
        wrong="An earlier version of this story said 400 dockers voted.",
        right="It was 4,000.",
        corrected_at=timezone.now() - timedelta(hours=2),
    )
    Correction.objects.create(
        article=article,
        wrong="Our earlier correction said 4,000 dockers voted.",
        right="It was 1,400.",
        supersedes=first,
    )
    return {
        "/corrections/": client.get("/corrections/").content,
        "/story/": client.get(article.url).content,
    }


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_axe_finds_no_violations_on_the_corrections(pages, width, height):
    from playwright.sync_api import sync_playwright

    failures = {}
    with sync_playwright() as playwright:
        browser, page = open_browser(playwright, pages, width, height)
        axe = Axe()
        for path in pages:
            page.goto(ORIGIN + path)
            assert page.locator(".correction__text").count() == 2, path
            results = axe.run(page)
            if results.violations_count:
                failures[path] = results.generate_report()
        browser.close()
    assert not failures, "\n".join(f"{path}\n{report}" for path, report in failures.items())
