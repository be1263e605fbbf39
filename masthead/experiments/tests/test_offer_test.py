"""A test of the wall's offer: readers stopped at the wall see their variant's words, from the same
kept pages, follow its button to their plan first, and read exactly what they would without it."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from masthead.experiments.asking import sightings
from masthead.experiments.ending import end_test
from masthead.experiments.models import Experiment, ExposedReader, Exposures, Variant
from masthead.experiments.offer import offer_copy
from masthead.experiments.tests.test_admin import ADD, log_in, staff_in
from masthead.paywall.models import MeterSettings
from masthead.paywall.tests.factories import make_reader
from masthead.subscriptions.models import Plan, WallOffer

pytestmark = pytest.mark.django_db

A_WORDS = "The Lantern answers to its readers alone: join them."
B_WORDS = "Every story here was paid for by a reader like you."
USUAL_WORDS = "is paid for by its readers, not by advertisers or owners."
WITHHELD = "Talks are expected to resume later this week."  # past the two teaser paragraphs
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}


@pytest.fixture(autouse=True)
def _no_sightings_from_earlier_tests():
    sightings.forget()
    yield
    sightings.forget()


@pytest.fixture
def plans(paper):
    """Two plans on sale, and a registered reader's allowance of none: every story meets the offer."""
    rules = MeterSettings.objects.get()
    rules.registered_limit = 0
    rules.save()
    rules.save_revision()
    return {
        "monthly": Plan.objects.create(name="Monthly digital", price_pence=900, sort_order=0),
        "yearly": Plan.objects.create(name="Yearly digital", price_pence=9000, sort_order=1),
    }


def start_offer_test(plans, holdout: int = 0) -> Experiment:
    test = Experiment.objects.create(
        name="Offer words", slug="offer-words", ask="offer", measure="subscription",
        holdout_share=holdout,
    )  # fmt: skip
    Variant.objects.create(
        experiment=test, name="A", text=A_WORDS, button="Subscribe now",
        first_plan=plans["monthly"],
    )  # fmt: skip
    Variant.objects.create(
        experiment=test, name="B", text=B_WORDS, button="Read without limit", sort_order=1,
        first_plan=plans["yearly"], suggested_pence=500,
    )  # fmt: skip
    return test


def readers(count: int, start: int = 0) -> list[Client]:
    clients = []
    for number in range(start, start + count):
        client = Client()
        client.force_login(make_reader(f"reader{number}@example.org"))
        clients.append(client)
    return clients


def seen(html: str) -> str:
    """Which copy of the offer a page shows: A, B, the usual words, or none (read in full)."""
    if 'class="offer"' not in html:
        return "none"
    if A_WORDS in html:
        return "A"
    if B_WORDS in html:
        return "B"
    assert USUAL_WORDS in html
    return "usual"


def button_of(html: str) -> str:
    return re.search(r'<p class="offer__actions">\s*<a class="button" href="([^"]+)"', html)[1]


def first_plan_on(html: str) -> str:
    return re.search(r'<h2 class="plan__name">([^<]+)</h2>', html)[1]


def test_readers_keep_their_variant_from_one_kept_page_and_meet_its_plan_first(paper, plans):
    test = start_offer_test(plans)
    stories = [paper["articles"]["vote"].url, paper["articles"]["talks"].url]
    shown, hits, first_plans = [], set(), {}
    for reader in readers(14):
        pages = [reader.get(story, headers=BROWSER) for story in stories]
        copies = {seen(page.content.decode()) for page in pages}
        assert len(copies) == 1 and copies <= {"A", "B"}  # the same words on every story
        copy = copies.pop()
        shown.append(copy)
        hits |= {copy for page in pages if page.get("X-Masthead-Cache") == "hit"}
        for page in pages:  # the offer varies: never shared downstream
            assert page["Cache-Control"].startswith("private")
        html = pages[0].content.decode()
        subscribe = reader.get(button_of(html))
        first_plans[copy] = first_plan_on(subscribe.content.decode())
        if copy == "B":
            assert '<a href="/support/?amount=500">Give £5 once</a>' in html
        else:
            assert "/support/?amount=" not in html
    assert set(shown) == {"A", "B"}
    assert hits == {"A", "B"}  # one kept page of each story served both copies
    assert first_plans == {"A": "Monthly digital", "B": "Yearly digital"}
    sightings.flush()
    assert sum(row.shown for row in Exposures.objects.filter(experiment=test)) == 28
    assert ExposedReader.objects.filter(experiment=test).count() == 14


def test_without_a_test_the_offer_reads_as_before(paper, plans):
    html = readers(1)[0].get(paper["articles"]["vote"].url, headers=BROWSER).content.decode()
    assert seen(html) == "usual" and button_of(html) == "/subscribe/"
    assert ">See subscriptions</a>" in html


def test_the_newsroom_and_search_engines_are_never_in_a_test_of_the_offer(paper, plans):
    start_offer_test(plans)
    crawler = RequestFactory().get("/", headers={"User-Agent": "Googlebot/2.1"})
    staff = RequestFactory().get("/", headers=BROWSER)
    newsroom, staff.user = Client(), staff_in("Editors", "editor@example.org")
    newsroom.force_login(staff.user)
    staff.session = newsroom.session
    assert offer_copy(crawler, None) is None and offer_copy(staff, None) is None
    sightings.flush()
    assert not Exposures.objects.exists()


def test_attack_no_copy_of_the_offer_carries_withheld_text_and_the_holdout_reads_the_same(
    paper, plans
):
    """The attack suite: a test changes the ask's words, never what a reader may read."""
    test = start_offer_test(plans, holdout=50)
    a = test.variants.get(name="A")
    a.text += " <script>alert(1)</script>"  # an editor's markup is words, never markup
    a.save()
    stories = [paper["articles"]["vote"].url, paper["articles"]["leader"].url]
    outcomes: dict[str, set[str]] = {}
    for reader in readers(14):
        pages = [reader.get(story, headers=BROWSER).content.decode() for story in stories]
        copy = seen(pages[0])
        outcomes.setdefault(copy, set()).add(
            "/".join("full" if seen(page) == "none" else "wall" for page in pages)
        )
        for page in pages:
            assert "<script>alert(1)</script>" not in page
        assert "was a pay cut in real terms." in pages[0]  # the teaser, as for every reader
        assert WITHHELD not in pages[0] and "zanzibarite" not in pages[0]
    # The holdout sees the paper's own offer (it cannot be hidden); the story and the free
    # leader read the same in every group: the wall on the one, the leader in full.
    assert "usual" in outcomes and {"A", "B"} & set(outcomes)
    assert set().union(*outcomes.values()) == {"wall/full"}
    sightings.flush()
    assert "holdout" in set(
        ExposedReader.objects.filter(experiment=test).values_list("variant", flat=True)
    )


def test_ending_makes_the_winner_the_papers_own_offer(paper, plans, client):
    test = start_offer_test(plans)
    end_test(test, "B", by_user=staff_in("Business", "business@example.org"))
    offer = WallOffer.objects.get()
    assert (offer.text, offer.button, offer.first_plan, offer.suggested_pence) == (
        B_WORDS, "Read without limit", plans["yearly"], 500,
    )  # fmt: skip
    reader = readers(1, start=90)[0]
    html = reader.get(paper["articles"]["vote"].url, headers=BROWSER).content.decode()
    assert seen(html) == "B" and ">Read without limit</a>" in html
    assert button_of(html) == f"/subscribe/?first={plans['yearly'].pk}"
    assert first_plan_on(reader.get("/subscribe/").content.decode()) == "Yearly digital"


def offer_form(variants: list[dict], ask: str = "offer") -> dict:
    data = {
        "name": "Offer: plan first", "slug": "plan-first", "ask": ask,
        "measure": "subscription", "holdout_share": "0",
    }  # fmt: skip
    data["variants"] = inline_formset(variants, min=2, max=4)
    return nested_form_data(data)


def offer_variant(name: str, plan="", pence="") -> dict:
    return {"name": name, "share": 50, "text": f"Words of {name}", "button": "Subscribe",
            "first_plan": plan, "suggested_pence": pence}  # fmt: skip


@pytest.mark.parametrize(
    "second, ask, message",
    [
        (offer_variant("B", plan="99999"), "offer", "No plan on sale is that one"),
        (offer_variant("B", pence="-5"), "offer", "A suggested gift cannot be negative."),
        (offer_variant("B", pence="50"), "offer", "A suggested gift is at least £1"),
        (offer_variant("B", pence="500"), "appeal", "are for a test of the wall&#x27;s offer"),
    ],
)
def test_bad_offer_fields_are_refused_with_a_clear_message(client, plans, second, ask, message):
    log_in(client, "Business")
    first = offer_variant("A", plan=str(plans["monthly"].pk))
    response = client.post(ADD, offer_form([first, second], ask=ask))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Experiment.objects.exists()


def test_business_makes_an_offer_test_with_a_plan_first_and_a_gift(client, plans):
    log_in(client, "Business")
    variants = [
        offer_variant("A", plan=str(plans["monthly"].pk)),
        offer_variant("B", plan=str(plans["yearly"].pk), pence="1000"),
    ]
    response = client.post(ADD, offer_form(variants))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [
        (v.name, v.first_plan, v.suggested_pence) for v in Variant.objects.order_by("name")
    ] == [("A", plans["monthly"], None), ("B", plans["yearly"], 1000)]


def test_business_edits_the_papers_own_offer_under_settings_and_bad_input_is_refused(client, plans):
    log_in(client, "Business")
    form = client.get("/admin/snippets/subscriptions/walloffer/", follow=True)
    assert form.status_code == 200 and "The wall" in form.content.decode()
    edit = form.redirect_chain[-1][0]
    fields = {"text": "Read on.", "button": "Join us", "first_plan": str(plans["yearly"].pk)}
    for pence, message in [("-5", "A suggested gift cannot be negative"), ("50", "at least £1")]:
        refused = client.post(edit, {**fields, "suggested_pence": pence})
        assert message in refused.content.decode()
    assert WallOffer.objects.get().suggested_pence is None
    client.post(edit, {**fields, "suggested_pence": "300"})
    offer = WallOffer.objects.get()
    assert (offer.button, offer.first_plan, offer.suggested_pence) == (
        "Join us",
        plans["yearly"],
        300,
    )
