"""In headless Chromium against the live demo: a subscriber gifts a story, a reader past the
limit reads it all through the link without their count moving, and the giver sees the read."""

import re

import pytest

from masthead.core.tests.live_site import metered_articles

pytestmark = pytest.mark.browser


def test_a_subscriber_gifts_a_story_that_a_reader_past_the_limit_reads(browser, live_site):
    articles = metered_articles(live_site)
    gifted = articles[6]

    giver = browser.new_context().new_page()
    giver.goto(f"{live_site.url}/accounts/login/?next={gifted.removeprefix(live_site.url)}")
    giver.fill('input[name="login"]', "subscriber@example.com")
    giver.fill('input[name="password"]', "masthead-demo")
    giver.locator('form:has(input[name="password"]) button[type="submit"]').click()
    giver.wait_for_url(gifted)
    giver.get_by_role("link", name="Gift this article").click()
    giver.get_by_role("button", name="Make a gift link").click()
    link = giver.get_by_label("Your gift link").input_value()
    assert link.startswith(gifted + "?gift=")
    assert re.search(r"You can make \d+ more gift links? this month", giver.content())

    reader = browser.new_context().new_page()
    for url in articles[:5]:
        reader.goto(url)
    assert "You have read 5 of 5" in reader.locator(".meter-notice").inner_text()
    reader.goto(gifted)
    assert reader.locator(".offer").count() == 1
    assert reader.locator(".article__metered").count() == 0

    reader.goto(link)
    assert reader.locator(".article__metered").count() == 1
    assert reader.locator(".offer").count() == 0 and reader.locator(".gift-note").count() == 0
    reader.goto(articles[4])  # a reread: the count shows, and it has not moved
    assert "You have read 5 of 5" in reader.locator(".meter-notice").inner_text()

    giver.goto(f"{live_site.url}/account/")
    row = giver.locator("table.gift-links tbody tr").filter(
        has=giver.locator(f'a[href="{gifted.removeprefix(live_site.url)}"]')
    )
    assert row.locator(".gift-links__readers").inner_text() == "1 of 10"
