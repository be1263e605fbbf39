"""In headless Chromium against the live demo: a subscriber gifts a story and copies the link
with the Copy button, a reader past the limit reads it all through the link (told a subscriber
shared it) without their count moving, the next reader of the story is told nothing of the
kind, and the giver sees the read."""

import re

import pytest

from masthead.core.tests.live_site import metered_articles

pytestmark = pytest.mark.browser

SHARED = "A subscriber shared this story with you. Subscribe to read everything."


def giver_page(browser, live_site, story: str, *, width: int = 1280):
    """The demo subscriber, logged in on ``story``, in a browser that lets pages copy."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site.url)
    giver = context.new_page()
    giver.goto(f"{live_site.url}/accounts/login/?next={story.removeprefix(live_site.url)}")
    giver.fill('input[name="login"]', "subscriber@example.com")
    giver.fill('input[name="password"]', "masthead-demo")
    giver.locator('form:has(input[name="password"]) button[type="submit"]').click()
    giver.wait_for_url(story)
    return giver


def make_and_copy(giver) -> str:
    giver.get_by_role("link", name="Gift this article").click()
    giver.get_by_role("button", name="Make a gift link").click()
    link = giver.get_by_label("Your gift link").input_value()
    status = giver.locator(".gift-copy__status")
    assert status.get_attribute("aria-live") == "polite" and status.inner_text() == ""
    giver.evaluate("navigator.clipboard.writeText('')")
    giver.get_by_role("button", name="Copy link").click()
    assert giver.evaluate("navigator.clipboard.readText()") == link
    assert status.inner_text() == "Copied"
    return link


def test_a_subscriber_gifts_a_story_that_a_reader_past_the_limit_reads(browser, live_site):
    articles = metered_articles(live_site)
    gifted = articles[6]

    giver = giver_page(browser, live_site, gifted)
    link = make_and_copy(giver)
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
    assert reader.locator(".offer").count() == 0
    notice = reader.locator(".gift-note--shared")
    assert " ".join(notice.inner_text().split()) == SHARED
    assert (
        notice.get_by_role("link", name="Subscribe to read everything").get_attribute("href")
        == "/subscribe/"
    )
    assert reader.locator(".gift-note").count() == 1  # no line saying the link failed
    reader.goto(articles[4])  # a reread: the count shows, and it has not moved
    assert "You have read 5 of 5" in reader.locator(".meter-notice").inner_text()

    # The next reader of the story, on the page kept for everyone: nothing about a gift.
    for _ in range(2):
        other = browser.new_context().new_page()
        other.goto(gifted)
        assert other.locator(".gift-note").count() == 0
        assert "shared this story" not in other.content()
        other.context.close()

    giver.goto(f"{live_site.url}/account/")
    row = giver.locator("table.gift-links tbody tr").filter(
        has=giver.locator(f'a[href="{gifted.removeprefix(live_site.url)}"]')
    )
    assert row.locator(".gift-links__readers").inner_text() == "1 of 10"
    giver.context.close()
    reader.context.close()


def test_on_a_phone_the_giver_copies_the_link_on_the_gift_page_and_the_account(browser, live_site):
    gifted = metered_articles(live_site)[7]
    giver = giver_page(browser, live_site, gifted, width=390)
    link = make_and_copy(giver)
    button = giver.get_by_role("button", name="Copy link")
    box = giver.get_by_label("Your gift link")
    assert box.is_editable() is False and button.is_visible()
    assert box.bounding_box()["x"] >= 0 and button.bounding_box()["x"] + 40 <= 390

    giver.goto(f"{live_site.url}/account/")
    copy = giver.get_by_role("button", name=re.compile("^Copy link for “"))
    field = giver.locator(f'input.gift-copy__link[value="{link}"]')
    assert field.count() == 1
    giver.evaluate("navigator.clipboard.writeText('')")
    giver.locator(f'button[data-copy-from="{field.get_attribute("id")}"]').click()
    assert giver.evaluate("navigator.clipboard.readText()") == link
    assert copy.count() >= 1
    # Nothing wider than the phone: the list is a card per link.
    assert giver.evaluate("document.documentElement.scrollWidth") <= 390
    giver.context.close()


def test_without_javascript_the_link_is_there_to_select_and_no_button_does_nothing(
    browser, live_site
):
    gifted = metered_articles(live_site)[8]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    giver = context.new_page()
    giver.goto(f"{live_site.url}/accounts/login/?next={gifted.removeprefix(live_site.url)}")
    giver.fill('input[name="login"]', "subscriber@example.com")
    giver.fill('input[name="password"]', "masthead-demo")
    giver.locator('form:has(input[name="password"]) button[type="submit"]').click()
    giver.wait_for_url(gifted)
    giver.get_by_role("link", name="Gift this article").click()
    giver.get_by_role("button", name="Make a gift link").click()
    box = giver.get_by_label("Your gift link")
    assert box.input_value().startswith(gifted + "?gift=") and box.is_visible()
    assert giver.get_by_role("button", name="Copy link").count() == 0
    context.close()
