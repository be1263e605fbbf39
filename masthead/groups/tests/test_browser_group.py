"""In headless Chromium against the live demo: the union branch's buyer manages the group.

The buyer's /account/ passes axe-core, an invitation leaves by SMTP with its
signed link, and the member the buyer removes is metered on the next page,
served by another process of the production server.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.core.tests.live_site import metered_articles

pytestmark = pytest.mark.browser


def logged_in(browser, site, email: str):
    page = browser.new_context().new_page()
    page.goto(f"{site.url}/accounts/login/?next=/account/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', "masthead-demo")
    page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    page.wait_for_url(f"{site.url}/account/")
    return page


def test_the_buyer_invites_and_removes_and_the_member_is_metered_at_once(
    browser, live_site, live_smtp
):
    story = metered_articles(live_site)[3]
    member = logged_in(browser, live_site, "member@example.com")
    assert "Your access comes from" in member.locator(".group-access").inner_text()
    member.goto(story)
    assert member.locator(".article__metered").count() == 1
    assert member.locator(".meter-notice").count() == 0

    buyer = logged_in(browser, live_site, "branch@example.com")
    section = buyer.locator("section.group")
    assert "3 of 3 seats" in section.locator(".group__seats").inner_text()
    results = Axe().run(buyer)
    assert not results.violations_count, results.generate_report()

    # Withdraw the colleague's invitation, invite a reporter instead: a letter with a link.
    row = section.locator("tr").filter(has_text="colleague@example.com")
    row.get_by_role("button", name=re.compile("Withdraw")).click()
    buyer.get_by_label("Invite a member by email").fill("reporter@example.com")
    buyer.get_by_role("button", name="Send invitation").click()
    assert "Invitation sent to reporter@example.com" in buyer.locator(".messages").inner_text()
    letter = live_smtp.wait_for("reporter@example.com")
    body = letter.get_body(preferencelist=("plain",)).get_content()
    assert re.search(r"https?://\S+/groups/invitation/\S+/", body)

    # Remove Mo: his next page is metered.
    row = buyer.locator("section.group tr").filter(has_text="member@example.com")
    row.get_by_role("button", name=re.compile("Remove")).click()
    assert "2 of 3 seats" in buyer.locator(".group__seats").inner_text()
    member.goto(story)
    assert member.locator(".meter-notice").count() == 1
    member.goto(f"{live_site.url}/account/")
    assert member.locator(".group-access").count() == 0
