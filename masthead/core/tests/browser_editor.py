"""The demo editor, signed in through the login form, on a page's edit view in the admin."""

from __future__ import annotations

EDITOR_EMAIL = "editor@example.com"
DEMO_PASSWORD = "masthead-demo"


def editor_on_edit_page(browser, site, page_id):
    """A new browser context's page, signed in as the demo editor, on ``page_id``'s editor."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    editor = context.new_page()
    editor.goto(f"{site.url}/accounts/login/?next=/admin/pages/{page_id}/edit/")
    editor.fill('input[name="login"]', EDITOR_EMAIL)
    editor.fill('input[name="password"]', DEMO_PASSWORD)
    editor.locator('form:has(input[name="password"]) button[type="submit"]').click()
    editor.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    return editor
