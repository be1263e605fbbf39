"""A story started and left in the admin never blocks the next one started under its headline.

The editor fills the slug (on the Promote tab) from the headline as it is
typed, and Wagtail's autosave keeps the new story as a draft a moment later,
whether or not the writer ever presses *Save draft*.
"""

import uuid

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from masthead.core.tests.browser_editor import DEMO_PASSWORD, EDITOR_EMAIL

pytestmark = pytest.mark.browser


def start_a_story(editor, add_url: str, headline: str):
    """Open a new story's form, type its headline and a first paragraph, and wait for autosave.

    Returns autosave's answer once it has kept the story, or the last refusal.
    """
    editor.goto(add_url)
    expect(editor.locator("#id_title")).to_be_visible()
    editor.wait_for_timeout(2_500)  # the form's first state is taken two seconds after loading
    answers = []

    def autosave_answered(response):
        if response.request.method == "POST" and "/admin/pages/add/" in response.url:
            answers.append(response)
            return response.ok
        return False

    editor.on("response", autosave_answered)
    editor.locator("#id_title").fill(headline)
    editor.locator('[data-contentpath="body"] .c-sf-add-button').first.click()
    editor.get_by_role("option", name="Paragraph").click()
    editor.locator('[data-contentpath="body"] [contenteditable="true"]').first.click()
    editor.keyboard.type("The harbour master resigned on Monday.")
    try:  # autosave refuses the headline alone (a story's draft needs its text), then keeps it
        editor.wait_for_event("response", autosave_answered, timeout=10_000)
    except PlaywrightTimeout:
        pass
    editor.remove_listener("response", autosave_answered)
    return answers[-1]


def test_a_story_left_after_autosave_does_not_block_the_next_under_its_headline(browser, live_site):
    site = live_site
    britain = site.masthead(
        "shell",
        "-c",
        "from masthead.news.models import SectionPage; "
        "print(SectionPage.objects.get(slug='britain').pk)",
    ).split()[-1]
    add_url = f"{site.url}/admin/pages/add/news/articlepage/{britain}/"
    headline = f"Harbour master resigns {uuid.uuid4().hex[:6]}"

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    editor = context.new_page()
    editor.goto(f"{site.url}/accounts/login/?next=/admin/")
    editor.fill('input[name="login"]', EDITOR_EMAIL)
    editor.fill('input[name="password"]', DEMO_PASSWORD)
    editor.locator('form:has(input[name="password"]) button[type="submit"]').click()
    editor.wait_for_url("**/admin/")

    first = start_a_story(editor, add_url, headline)
    assert first.status == 200 and first.json()["success"]  # kept as a draft, unasked
    editor.goto(f"{site.url}/admin/")  # and left

    second = start_a_story(editor, add_url, headline)
    assert second.status == 200 and second.json()["success"], second.text()
    editor.locator('button[name="action-save"], button:has-text("Save draft")').first.click()
    editor.wait_for_url("**/admin/pages/*/edit/")
    expect(editor.locator(".error-message")).to_have_count(0)
    context.close()

    slugs = site.masthead(
        "shell",
        "-c",
        "from masthead.news.models import ArticlePage; "
        f"print(sorted(ArticlePage.objects.filter(title={headline!r}).values_list('slug', 'live')))",
    )
    base = headline.lower().replace(" ", "-")
    assert slugs.strip().splitlines()[-1] == str([(base, False), (f"{base}-2", False)])
