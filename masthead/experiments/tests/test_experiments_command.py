"""``masthead experiments list|report``: the documented keys, and the results page's numbers."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.experiments.tests.test_admin import decided, log_in, make_experiment

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("experiments", *args, stdout=out)
    return out.getvalue()


def test_list_gives_each_tests_slug_ask_and_status():
    make_experiment("appeal-words", ask="appeal")
    ended = make_experiment("offer-price", ask="offer")
    ended.status = "ended"
    ended.save()
    tests = json.loads(run("list", "--format", "json"))
    assert {(test["slug"], test["ask"], test["status"]) for test in tests} == {
        ("appeal-words", "appeal", "running"),
        ("offer-price", "offer", "ended"),
    }
    text = run("list", "--format", "text")
    assert "appeal-words" in text and "running" in text and "offer-price" in text


def test_the_report_has_the_documented_keys_and_the_pages_numbers(client):
    experiment = decided(make_experiment(holdout=10))
    report = json.loads(run("report", "appeal-words", "--format", "json"))
    assert {"variants", "difference", "verdict", "method", "slug", "ask", "status"} <= set(report)
    assert [variant["name"] for variant in report["variants"]] == ["A", "B", "holdout"]
    for variant in report["variants"]:
        assert set(variant) >= {"name", "readers", "exposures", "conversions", "rate", "interval"}
    a, b, _ = report["variants"]
    assert (a["readers"], a["exposures"], a["conversions"]) == (2000, 3100, 40)
    assert (b["readers"], b["exposures"], b["conversions"]) == (2000, 3050, 120)
    assert report["verdict"].startswith("B beats A by")
    assert report["method"].startswith("mSPRT")
    assert report["difference"]["variant"] == "B" and report["difference"]["against"] == "A"

    log_in(client, "Business")
    page = client.get(f"/admin/experiments/{experiment.pk}/results/").content.decode()
    for variant in (a, b):
        row = (
            f"<td>{variant['readers']:,}</td><td>{variant['exposures']:,}</td>"
            f"<td>{variant['conversions']:,}</td><td>{variant['rate'] * 100:.1f} %</td>"
        )
        assert row in page
    assert report["verdict"] in page and report["method"] in page

    text = run("report", "appeal-words", "--format", "text")
    assert "B: 2,000 readers, 3,050 exposures, 120 conversions" in text
    assert f"Verdict: {report['verdict']}" in text


def test_the_dashboard_shows_the_same_numbers(client, paper):
    experiment = decided(make_experiment())
    report = json.loads(run("report", "appeal-words", "--format", "json"))
    log_in(client, "Editors")
    page = client.get("/admin/analytics/").content.decode()
    section = page[page.index("data-experiments-section") :]
    assert experiment.name in section and "The appeal banner: running" in section
    assert report["verdict"] in section
    for variant in report["variants"]:
        assert (
            f'<th scope="row">{variant["name"]}</th><td>{variant["readers"]:,}</td>'
            f"<td>{variant['exposures']:,}</td><td>{variant['conversions']:,}</td>"
        ) in section


def test_an_unknown_slug_says_so():
    make_experiment("appeal-words")
    with pytest.raises(CommandError, match="There is no test with the slug 'nope'"):
        run("report", "nope", "--format", "json")
