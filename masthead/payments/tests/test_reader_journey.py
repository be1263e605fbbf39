"""The whole journey in headless Chromium, against granian with the production settings.

A new reader hits the registration wall on the sixth article, registers,
verifies by the link that arrives over SMTP, reads more, meets the
subscription offer, subscribes with the demo provider, reads without limit,
gives £10 and sees the appeal's total move.
"""

import re

import pytest

from masthead.core.tests.live_site import metered_articles

pytestmark = pytest.mark.browser

EMAIL = "journey@example.org"
PASSWORD = "a-long-journey-pass-7"


def raised_pence(page) -> int:
    return int(page.locator("progress").first.get_attribute("value"))


def test_a_reader_goes_from_the_wall_to_subscriber_to_supporter(page, live_site, live_smtp):
    articles = metered_articles(live_site)
    assert len(articles) >= 13

    # Five free articles, then the registration wall on the sixth.
    for n, url in enumerate(articles[:5], start=1):
        page.goto(url)
        assert (
            f"You have read {n} of 5 free articles this month"
            in page.locator(".meter-notice").inner_text()
        )
    page.goto(articles[5])
    offer = page.locator(".offer")
    assert offer.get_by_role("heading").inner_text() == "Register to keep reading"
    assert page.locator(".article__metered").count() == 0

    # Register from the wall.
    offer.get_by_role("link", name="Register for free").click()
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_load_state()

    # Verify by the emailed link.
    message = live_smtp.wait_for(EMAIL)
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0)
    page.goto(link)
    page.wait_for_load_state()

    # A verified reader: the five anonymous reads carried over, ten in all.
    page.goto(articles[5])
    assert "You have read 6 of 10" in page.locator(".meter-notice").inner_text()
    for n, url in enumerate(articles[6:10], start=7):
        page.goto(url)
        assert f"You have read {n} of 10" in page.locator(".meter-notice").inner_text()
    page.goto(articles[10])
    assert "You have read your 10 free articles" in page.locator(".offer h2").inner_text()

    # Subscribe with the demo provider.
    page.locator(".offer").get_by_role("link", name="See subscriptions").click()
    assert "no money moves" in page.locator(".demo-notice").first.inner_text()
    page.locator(".plan").filter(has_text="Digital, monthly").get_by_role("button").click()
    assert "no money moves" in page.locator(".demo-notice").inner_text()
    page.get_by_role("button", name="Subscribe now (demo)").click()
    assert page.locator("h1").inner_text() == "Welcome, subscriber"

    # Unlimited reading.
    for url in articles[10:13]:
        page.goto(url)
        assert page.locator(".article__metered").count() == 1
        assert page.locator(".meter-notice").count() == 0 and page.locator(".offer").count() == 0

    # Give £10 and watch the total move.
    page.goto(live_site.url + "/support/")
    before = raised_pence(page)
    page.get_by_label("£10", exact=True).check()
    page.get_by_role("button", name="Continue to payment").click()
    assert "no money moves" in page.locator(".demo-notice").inner_text()
    page.get_by_role("button", name="Give now (demo)").click()
    page.wait_for_load_state()
    assert raised_pence(page) == before + 1000
    page.goto(live_site.url + "/")
    assert raised_pence(page) == before + 1000
    page.goto(live_site.url + "/account/")
    assert "£10" in page.locator("table.donations").inner_text()
    assert live_smtp.wait_for(EMAIL) is not None
