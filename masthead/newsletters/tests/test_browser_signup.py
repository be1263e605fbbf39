"""A reader in headless Chromium signs up at /newsletters/ and confirms by the emailed link."""

import re
import uuid

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_signs_up_and_confirms_by_the_link_in_the_email(page, live_site, live_smtp):
    address = f"newcomer-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(live_site.url + "/newsletters/")
    assert page.locator("h1").inner_text() == "Newsletters"
    page.get_by_label("The Morning Lantern").check()
    page.get_by_label("Your email address").fill(address)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(live_site.url + "/newsletters/")
    assert "we have sent you an email" in page.content()

    letter = live_smtp.wait_for(address)
    assert "The Morning Lantern" in letter["Subject"]
    html = letter.get_body(preferencelist=("html",)).get_content()
    link = re.search(r'href="([^"]+/newsletters/confirm/[^"]+)"', html).group(1)
    assert link.startswith(live_site.url)
    page.goto(link)
    assert page.locator("h1").inner_text() == "Confirmed"
    assert address in page.content()
