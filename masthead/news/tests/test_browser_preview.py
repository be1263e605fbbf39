"""An editor previews an edit to a published story; readers still get what was published."""

import uuid

import pytest
from playwright.sync_api import expect

from masthead.core.tests.browser_editor import editor_on_edit_page
from masthead.core.tests.live_site import fetch
from masthead.core.tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.browser


def test_an_editor_sees_their_edit_in_the_preview_and_readers_do_not(browser, live_site):
    site = live_site
    listed = sitemap_locations(lambda path: fetch(site.url + path)[0])
    url = [u for u in listed if "/britain/" in u and u.count("/") == 5][1]
    slug = url.rstrip("/").rsplit("/", 1)[1]
    page_id = site.masthead(
        "shell",
        "-c",
        f"from masthead.news.models import ArticlePage; print(ArticlePage.objects.get(slug={slug!r}).pk)",
    ).split()[-1]

    reader_context = browser.new_context()
    reader = reader_context.new_page()
    reader.goto(url)  # the published page is now in the shared cache
    published = reader.locator(".article__body p").first.inner_text()

    editor = editor_on_edit_page(browser, site, page_id)

    edit = f"Added in the newsroom at dawn, {uuid.uuid4().hex[:6]}."
    paragraph = editor.locator('.Draftail-Editor [contenteditable="true"]').first
    paragraph.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.type(" " + edit)
    # Draftail keeps the block's value in a hidden input, saved a moment after typing.
    editor.wait_for_function(
        "edit => document.querySelector('input[name=\"body-0-value\"]').value.includes(edit)",
        arg=edit,
    )
    editor.locator('[data-side-panel-toggle="preview"]').click()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.locator(".article__body")).to_contain_text(edit, timeout=30_000)
    # The whole story, not a reader's teaser: the newsroom is never metered.
    expect(preview.locator(".article__metered")).to_have_count(1)

    for reader_page in (reader, browser.new_context().new_page()):
        reader_page.goto(url)
        body = reader_page.locator(".article__body").inner_text()
        assert edit not in body
        assert reader_page.locator(".article__body p").first.inner_text() == published
    editor.context.close()
    reader_context.close()
