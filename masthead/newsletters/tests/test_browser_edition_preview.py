"""The demo editor in headless Chromium at 1280 px, on an edition in the admin.

From the edition's edit page: a test to themselves, then the preview, whose
frame must show the edition (a frame the browser refused would be blank).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from masthead.core.tests.browser_editor import DEMO_PASSWORD, EDITOR_EMAIL
from masthead.core.tests.live_site import eventually

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


def a_draft_edition(site) -> tuple[str, str, str]:
    """A morning edition of the latest stories, on a day no other test uses: pk, subject, lead."""
    found = site.masthead(
        "shell",
        "-c",
        "from datetime import date\n"
        "from masthead.newsletters.assembly import edition_assemble\n"
        "from masthead.newsletters.models import Newsletter\n"
        "edition = edition_assemble(Newsletter.objects.get(slug='morning'), on=date(2001, 2, 3))\n"
        "print('PK', edition.pk)\n"
        "print('SUBJECT', edition.subject)\n"
        "print('LEAD', edition.articles()[0].title)\n",
    )
    lines = dict(
        line.split(" ", 1) for line in found.splitlines() if line[:2] in ("PK", "SU", "LE")
    )
    return lines["PK"], lines["SUBJECT"], lines["LEAD"]


def test_the_editor_sends_a_test_and_sees_the_edition_in_the_preview_frame(
    page, live_site, live_smtp
):
    pk, subject, lead = a_draft_edition(live_site)
    edit = f"/admin/snippets/newsletters/edition/edit/{pk}/"
    page.goto(f"{live_site.url}/accounts/login/?next={edit}")
    page.fill('input[name="login"]', EDITOR_EMAIL)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    page.wait_for_url(f"**{edit}")

    # The edition's actions are on its edit page, not only in the listing's row menu.
    expect(page.get_by_role("link", name="Preview", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Send…")).to_be_visible()
    page.get_by_role("button", name="Send a test to me").click()
    expect(page.get_by_text(f"is on its way to {EDITOR_EMAIL}")).to_be_visible()
    page.wait_for_url(f"**{edit}")
    test_subject = f"[Test] {subject}"
    assert eventually(
        lambda: any(
            m["To"] == EDITOR_EMAIL and " ".join(str(m["Subject"]).split()) == test_subject
            for m in live_smtp.messages
        ),
        timeout=15,
    )

    page.get_by_role("link", name="Preview", exact=True).click()
    page.wait_for_url(f"**/admin/newsletters/edition/{pk}/preview/")
    frame = page.frame_locator("iframe[title*='copy of']")
    expect(frame.locator("h1")).to_have_text(subject)
    expect(frame.get_by_role("link", name=lead).first).to_be_visible()
    expect(frame.get_by_text("Continue reading").first).to_be_visible()  # a non-subscriber's copy
    assert len(frame.locator("body").inner_text()) > 300
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "newsletter-preview-1280.png"))

    page.get_by_role("link", name="As a subscriber gets it").click()
    frame = page.frame_locator('iframe[title^="A subscriber\'s copy"]')
    expect(frame.locator("h1")).to_have_text(subject)
