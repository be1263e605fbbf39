"""A test of the newsletter prompt: each reader their variant on every story, from shared pages."""

from __future__ import annotations

import pytest
from django.test import Client

from masthead.experiments.asking import sightings
from masthead.experiments.ending import end_test
from masthead.experiments.models import Experiment, ExposedConversion, Variant
from masthead.experiments.results import report
from masthead.experiments.tests.test_admin import staff_in
from masthead.newsletters.models import Newsletter
from masthead.newsletters.tests.factories import make_newsletter
from masthead.paywall.models import MeterSettings

pytestmark = pytest.mark.django_db

OWN_WORDS = "Get the morning briefing in your inbox"
WORDS = {"A": "The news before your first coffee", "B": "Five stories worth your morning"}
BUTTONS = {"A": "Send it to me", "B": "Yes, every morning"}
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}


@pytest.fixture(autouse=True)
def _no_sightings_from_earlier_tests():
    sightings.forget()
    yield
    sightings.forget()


@pytest.fixture
def morning():
    return make_newsletter("morning", name="The Morning Lantern", prompt_text=OWN_WORDS)


def start_test(holdout: int = 0) -> Experiment:
    test = Experiment.objects.create(
        name="Prompt words", slug="prompt-words", ask="newsletter", measure="signup",
        holdout_share=holdout,
    )  # fmt: skip
    for order, name in enumerate(WORDS):
        Variant.objects.create(
            experiment=test, name=name, text=WORDS[name], button=BUTTONS[name], sort_order=order
        )
    return test


def seen(html: str) -> str:
    """Which prompt a story shows: A, B, the letter's own words, or none."""
    for name, words in WORDS.items():
        if words in html:
            assert f">{BUTTONS[name]}</button>" in html  # the variant's button with its words
            return name
    return "own" if OWN_WORDS in html else "none"


def test_readers_see_their_variant_on_every_story_from_one_kept_page(paper, morning):
    start_test()
    stories = [paper["articles"][name].url for name in ("leader", "floods", "leader")]
    copies, hits = [], set()
    for _ in range(30):
        reader = Client()
        pages = [reader.get(path, headers=BROWSER) for path in stories]
        shown = {seen(page.content.decode()) for page in pages}
        assert len(shown) == 1 and shown <= {"A", "B"}  # the same words on every story
        copies.append(shown.pop())
        hits |= {copies[-1] for page in pages if page.get("X-Masthead-Cache") == "hit"}
        assert all(page["Cache-Control"].startswith("private") for page in pages)
    assert set(copies) == {"A", "B"}
    assert hits == {"A", "B"}  # one kept page of each story served both variants


def test_the_holdout_sees_no_prompt_and_no_copy_carries_withheld_text(paper, morning):
    """The attack suite: a test changes the ask, never what a reader may read."""
    start_test(holdout=50)
    rules = MeterSettings.objects.get()
    rules.anonymous_limit = 1
    rules.save()
    rules.save_revision()
    stories = [paper["articles"]["talks"].url, paper["articles"]["vote"].url]
    copies = set()
    for _ in range(30):
        reader = Client()
        full, teaser = (reader.get(path, headers=BROWSER).content.decode() for path in stories)
        copies.add(seen(full))
        assert 'class="offer"' in teaser and seen(teaser) == "none"  # one ask at a time
        assert "Talks are expected to resume later this week." not in teaser
        assert "zanzibarite" not in teaser and "Dockers at the harbour" in teaser
    assert copies == {"A", "B", "none"}  # the holdout: no prompt at all


def test_a_sign_up_from_the_prompt_counts_for_the_test(
    paper, morning, django_capture_on_commit_callbacks
):
    test = start_test()
    reader = Client()
    story = paper["articles"]["leader"].url
    copy = seen(reader.get(story, headers=BROWSER).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = reader.post(
            "/newsletters/prompt/",
            {"newsletter": "morning", "email": "tested@example.org"},
            headers={**BROWSER, "Referer": f"http://testserver{story}"},
        )
    assert response.status_code == 302
    assert ExposedConversion.objects.get(experiment=test).kind == "signup"
    figures = {row["name"]: row for row in report(test)["variants"]}
    assert figures[copy]["conversions"] == 1 and figures[copy]["readers"] == 1


def test_ending_makes_the_winner_the_prompts_own_words_and_button(paper, morning):
    test = start_test()
    end_test(test, "B", by_user=staff_in("Business", "b@example.org"))
    morning = Newsletter.objects.get(pk=morning.pk)
    assert (morning.prompt_text, morning.prompt_button) == (WORDS["B"], BUTTONS["B"])
    assert (
        seen(Client().get(paper["articles"]["leader"].url, headers=BROWSER).content.decode()) == "B"
    )
