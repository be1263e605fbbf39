"""The demo paper runs a test of two appeal banners from its first start."""

import pytest
from django.test import Client

from masthead.experiments.models import Experiment
from masthead.experiments.results import report

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}


@pytest.mark.django_db
def test_the_demo_tests_two_appeal_banners_with_a_fortnight_of_figures(demo_paper_once):
    test = Experiment.objects.get(slug="appeal-words")
    assert test.running and test.ask == "appeal"
    figures = report(test)
    assert [variant["name"] for variant in figures["variants"]] == ["A", "B"]
    for variant in figures["variants"]:
        assert variant["readers"] > 4000 and variant["exposures"] > variant["readers"]
        assert variant["conversions"] > 0
        low, high = variant["interval"]
        assert low < variant["rate"] < high
    assert figures["verdict"] and "mSPRT" in figures["method"]
    # New readers of the demo see one of the two banners, from the same kept front.
    words = {variant.name: variant.text for variant in test.variants.all()}
    shown = set()
    for _ in range(24):
        page = Client().get("/", headers=BROWSER).content.decode()
        shown |= {name for name, text in words.items() if text in page}
    assert shown == {"A", "B"}
