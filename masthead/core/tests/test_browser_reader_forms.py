"""Every reader form in headless Chromium, at desktop and phone widths, on the served demo.

axe-core finds nothing (contrast included); every label sits above its box, and
every box is at most 28rem wide; every button, box and checkbox row is a tap target
of at least 44 px; a box in focus shows a ring; a mistake is said between the label
and the box it is about. Screenshots of each form go to test-artifacts/screenshots/
(forms-<page>-<desktop|mobile>.png) for a person to look at.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "mobile": (390, 844)}
TAP = 44
FIELD_MAX = 28 * 16

ANONYMOUS = {
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "password-reset": "/accounts/password/reset/",
    "login-code": "/accounts/login/code/",
    "newsletters": "/newsletters/",
    "subscribe": "/subscribe/?code=NO-SUCH-CODE",
    "offer": "/offers/welcome/",
    "support": "/support/",
}
LOGGED_IN = {
    "account": "/account/",
    "email-addresses": "/accounts/email/",
    "password-change": "/accounts/password/change/",
    "logout": "/accounts/logout/",
    "delete-account": "/account/delete/",
    "newsletters-logged-in": "/newsletters/",
}

# What the eye checks, measured: (page, problem) pairs, empty when the form is right.
MEASURE = """
() => {
  const problems = [];
  const main = document.querySelector("main");
  const box = el => el.getBoundingClientRect();
  const shown = el => { const r = box(el); return r.width > 0 && r.height > 0; };
  for (const input of main.querySelectorAll("form input:not([type=hidden]), form select, form textarea")) {
    if (!shown(input)) continue;
    const label = input.labels && input.labels[0];
    if (!label) { problems.push(`no label for ${input.name}`); continue; }
    if (input.type === "checkbox" || input.type === "radio") {
      if (box(label).height < TAP - 0.5) problems.push(`${input.name}'s label is ${box(label).height}px tall`);
      continue;
    }
    if (!label.contains(input) && box(label).bottom > box(input).top + 1)
      problems.push(`${input.name}'s label is not above it`);
    if (box(input).width > FIELD_MAX + 1) problems.push(`${input.name} is ${box(input).width}px wide`);
    if (box(input).height < TAP - 0.5) problems.push(`${input.name} is ${box(input).height}px tall`);
  }
  for (const target of main.querySelectorAll("button, a.button")) {
    if (!shown(target)) continue;
    const r = box(target);
    if (r.height < TAP - 0.5 || r.width < TAP - 0.5)
      problems.push(`"${target.textContent.trim()}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return problems;
}
""".replace("TAP", str(TAP)).replace("FIELD_MAX", str(FIELD_MAX))


def log_in(context, site, email: str):
    page = context.new_page()
    page.goto(f"{site.url}/accounts/login/?next=/account/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill("masthead-demo")
    page.locator("main form").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site.url}/account/")
    return page


def look_at(page, site, name: str, path: str, width_name: str) -> dict:
    response = page.goto(site.url + path)
    assert response.status == 200, path
    problems = page.evaluate(MEASURE)
    results = Axe().run(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"forms-{name}-{width_name}.png"), full_page=True)
    found = {}
    if problems:
        found[f"{name} ({width_name}) measured"] = "\n".join(problems)
    if results.violations_count:
        found[f"{name} ({width_name}) axe"] = results.generate_report()
    return found


@pytest.mark.parametrize("width_name", WIDTHS)
def test_every_reader_form_is_labelled_large_enough_and_passes_axe(browser, live_site, width_name):
    width, height = WIDTHS[width_name]
    failures = {}
    anonymous = browser.new_context(viewport={"width": width, "height": height})
    page = anonymous.new_page()
    for name, path in ANONYMOUS.items():
        failures |= look_at(page, live_site, name, path, width_name)
    anonymous.close()
    reader = browser.new_context(viewport={"width": width, "height": height})
    page = log_in(reader, live_site, "reader@example.com")
    for name, path in LOGGED_IN.items():
        failures |= look_at(page, live_site, name, path, width_name)
    reader.close()
    assert not failures, "\n\n".join(f"{where}:\n{what}" for where, what in failures.items())


def test_a_mistake_is_said_between_its_label_and_its_box_and_focus_shows(page, live_site):
    page.goto(live_site.url + "/accounts/signup/")
    email = page.get_by_label("Email address")
    email.focus()
    ring = email.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]"
    )
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2
    email.fill("not-an-address")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "Please check the form" in alert.inner_text()
    email = page.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    error_id = next(
        i for i in email.get_attribute("aria-describedby").split() if i.endswith("_error")
    )
    error = page.locator(f"#{error_id}")
    assert "valid email address" in error.inner_text()
    label = page.locator("label[for='id_email']")
    assert label.bounding_box()["y"] < error.bounding_box()["y"] < email.bounding_box()["y"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "forms-signup-with-a-mistake-desktop.png"), full_page=True)
    # From the keyboard, the primary button shows its ring too.
    page.get_by_label("Confirm password").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focused == ["Sign up", "solid"]
