"""The demo's front page in headless Chromium, at a desktop's width and a phone's.

What a reader sees: a lead with secondary leads, an opinion column with the
writers' pictures, a most-read list; headlines side by side on one line; on a
phone, a list with small pictures rather than a stack of full-width ones.
Screenshots go to test-artifacts/screenshots/ for a person to look at.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
DESKTOP, PHONE = (1280, 900), (390, 844)
PHONE_FRONT_MAX_PX = 6000  # it was 11,400 px of full-width pictures


@pytest.fixture
def viewer(browser):
    contexts = []

    def open_at(size):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def load_every_picture(page) -> None:
    """Pictures below the fold load lazily: a full-page screenshot should show them all."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.wait_for_load_state("networkidle")


def row_tops(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(
        selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )


def test_the_front_has_a_lead_secondary_leads_opinion_and_most_read(viewer, live_site):
    page = viewer(DESKTOP)
    assert page.goto(live_site.url + "/").status == 200
    assert page.locator(".front-lead__main .card--lead .card__headline").count() == 1
    assert page.locator(".front-lead__secondary .card").count() == 4
    opinion = page.locator(".opinion__item")
    assert opinion.count() >= 2
    pictures = page.locator(".opinion img.opinion__photo")
    assert pictures.count() == opinion.count()
    pictures.first.scroll_into_view_if_needed()
    assert pictures.first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert pictures.first.evaluate("img => getComputedStyle(img).borderRadius") == "50%"
    assert page.locator(".most-read__item a").count() == 5
    # No story twice outside "Most read".
    headlines = page.eval_on_selector_all(
        ".card__headline a, .opinion__headline a", "els => els.map(e => e.textContent)"
    )
    assert len(headlines) == len(set(headlines))


def test_headlines_side_by_side_start_on_one_line(viewer, live_site):
    page = viewer(DESKTOP)
    page.goto(live_site.url + "/")
    secondary = row_tops(page, ".front-lead__secondary .card__headline")
    assert len(secondary) == 4 and len(set(secondary)) == 1, secondary
    across = row_tops(page, ".section-block--across >> nth=0 >> .card__headline")
    assert len(across) == 3 and len(set(across)) == 1, across


def test_on_a_phone_the_front_is_a_list_with_small_pictures(viewer, live_site):
    page = viewer(PHONE)
    page.goto(live_site.url + "/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < PHONE_FRONT_MAX_PX, height
    lead = page.locator(".card--lead .card__image").bounding_box()
    assert lead["width"] > 300  # the lead alone keeps its big picture
    for card in page.locator(".section-block .card--no-image").all():
        assert card.locator(".card__image").count() == 0  # a row of words, no empty box
    for card in page.locator(".section-block .card:not(.card--no-image)").all()[:6]:
        image, headline = card.locator(".card__image"), card.locator(".card__headline")
        picture, words = image.bounding_box(), headline.bounding_box()
        assert picture["width"] < 120
        assert picture["x"] + picture["width"] <= words["x"]  # picture left, headline right


@pytest.mark.parametrize("name, path", [("front", "/"), ("section", "/britain/")])
def test_screenshots_of_the_fronts_for_people_to_look_at(viewer, live_site, name, path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width_name, size in {"desktop": DESKTOP, "mobile": PHONE}.items():
        page = viewer(size)
        assert page.goto(live_site.url + path).status == 200
        load_every_picture(page)
        target = ARTIFACTS / f"{name}-{width_name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


def test_a_section_front_leads_with_one_story_then_lists_the_rest(viewer, live_site):
    page = viewer(DESKTOP)
    page.goto(live_site.url + "/britain/")
    feature = page.locator(".section-front .card--feature")
    assert feature.count() == 1
    rest = page.locator(".section-front .card--compact")
    assert rest.count() >= 3
    picture = rest.first.locator(".card__image").bounding_box()
    assert picture["width"] < feature.locator(".card__image").bounding_box()["width"] / 2
