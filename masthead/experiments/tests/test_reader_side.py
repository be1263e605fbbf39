"""Readers see a test's variants of the appeal from the same kept pages, each keeping theirs."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from scipy.stats import chisquare

from masthead.appeals.tests.factories import make_campaign
from masthead.experiments.asking import sightings
from masthead.experiments.models import (
    Experiment,
    ExposedConversion,
    ExposedReader,
    Exposures,
    Variant,
)
from masthead.experiments.results import report
from masthead.paywall.models import MeterSettings

pytestmark = pytest.mark.django_db

A_WORDS = "Keep the Lantern lit: our reporters answer to you alone."
B_WORDS = "Every story you read tonight was paid for by a reader like you."
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}


@pytest.fixture(autouse=True)
def _no_sightings_from_earlier_tests():
    sightings.forget()
    yield
    sightings.forget()


def start_test(holdout: int = 0) -> Experiment:
    test = Experiment.objects.create(
        name="Appeal words", slug="appeal-words", ask="appeal", measure="donation",
        holdout_share=holdout,
    )  # fmt: skip
    Variant.objects.create(experiment=test, name="A", text=A_WORDS, button="Support us")
    Variant.objects.create(
        experiment=test, name="B", text=B_WORDS, button="Give today", sort_order=1
    )
    return test


def seen(response) -> str:
    """Which copy of the appeal a page shows: A, B, or none (the holdout)."""
    html = response.content.decode()
    if A_WORDS in html:
        return "A"
    if B_WORDS in html:
        return "B"
    assert 'class="appeal"' not in html or "Keep the Lantern lit through the winter" in html
    return "none"


@pytest.fixture
def appeal():
    return make_campaign()


def test_new_readers_split_by_chance_and_one_kept_front_serves_every_variant(paper, appeal):
    start_test()
    views = [Client().get("/", headers=BROWSER) for _ in range(300)]
    shown = [seen(response) for response in views]
    assert set(shown) == {"A", "B"}
    hits = [
        copy for copy, r in zip(shown, views, strict=True) if r.get("X-Masthead-Cache") == "hit"
    ]
    assert {"A", "B"} <= set(hits) and len(hits) >= 290  # the same kept front, both copies
    assert chisquare([shown.count("A"), shown.count("B")]).pvalue > 0.001
    for response in views:  # a copy per reader: never shared downstream, cookie given
        assert response["Cache-Control"].startswith("private")
        assert "mh_reader" in response.cookies


def test_a_reader_keeps_their_variant_across_pages(paper, appeal):
    start_test()
    pages = ["/", paper["sections"]["britain"].url, paper["articles"]["leader"].url, "/"]
    for _ in range(6):
        reader = Client()
        copies = [seen(reader.get(page, headers=BROWSER)) for page in pages]
        assert copies[0] != "none"  # the front carries the appeal
        assert {copy for copy in copies if copy != "none"} == {copies[0]}


def test_without_a_test_the_front_is_shared_downstream_and_shows_the_appeals_own_words(
    paper, appeal
):
    response = Client().get("/", headers=BROWSER)
    assert "Keep the Lantern lit through the winter." in response.content.decode()
    assert response["Cache-Control"].startswith("public")


def test_exposures_and_first_sightings_are_counted_and_a_donation_is_credited(paper, appeal):
    from masthead.appeals.services import donation_record

    test = start_test()
    reader = Client()
    copy = seen(reader.get("/", headers=BROWSER))
    reader.get(paper["articles"]["leader"].url, headers=BROWSER)
    sightings.flush()
    shown = {row.variant: (row.shown, row.new_readers) for row in Exposures.objects.all()}
    assert shown == {copy: (2, 1)}
    assert ExposedReader.objects.get().variant == copy
    # The reader gives: the payment is confirmed in their browser's request.
    from masthead.analytics.attribution import current_request

    request = type("Request", (), {"COOKIES": {"mh_reader": reader.cookies["mh_reader"].value}})()
    token = current_request.set(request)
    try:
        donation_record(
            campaign_id=appeal.pk, amount_pence=2500, currency="GBP", monthly=False,
            email="giver@example.org", user_id=None, provider="demo", reference="pay-1",
            send_receipt=False,
        )  # fmt: skip
    finally:
        current_request.reset(token)
    assert ExposedConversion.objects.get().variant == copy
    figures = {row["name"]: row for row in report(test)["variants"]}
    assert (figures[copy]["readers"], figures[copy]["exposures"]) == (1, 2)
    assert figures[copy]["conversions"] == 1


def test_the_holdout_sees_no_appeal_and_reads_exactly_what_others_read(paper, appeal):
    """The attack suite: a test changes the ask, never what a reader may read."""
    start_test(holdout=50)
    rules = MeterSettings.objects.get()
    rules.anonymous_limit = 1
    rules.save()
    rules.save_revision()
    stories = [paper["articles"]["vote"].url, paper["articles"]["talks"].url]
    outcomes: dict[str, list[str]] = {}
    for _ in range(40):
        reader = Client()
        front = seen(reader.get("/", headers=BROWSER))
        pages = [reader.get(path, headers=BROWSER).content.decode() for path in stories]
        read = ["full" if 'class="offer"' not in page else "teaser" for page in pages]
        outcomes.setdefault(front, []).append("/".join(read))
        # No copy of the ask ever carries the story's withheld text.
        assert "The union said the offer was a pay cut in real terms." not in pages[1]
        assert not re.search(r"zanzibarite", pages[1])
    assert "none" in outcomes and ({"A", "B"} & set(outcomes))
    assert {tuple(set(reads)) for reads in outcomes.values()} == {("full/teaser",)}


def test_the_newsroom_and_search_engines_are_never_in_a_test(paper, appeal, admin_client):
    start_test()
    admin_client.get("/", headers=BROWSER)
    Client().get("/", headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
    sightings.flush()
    assert not Exposures.objects.exists() and not ExposedReader.objects.exists()


def test_sightings_of_a_test_deleted_meanwhile_are_dropped_not_retried(paper, appeal):
    test = start_test()
    Client().get("/", headers=BROWSER)
    test.delete()
    sightings.flush()  # no error, nothing kept for a test that is gone
    assert not Exposures.objects.exists() and sightings.shown == {} and sightings.readers == {}
