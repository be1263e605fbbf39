"""``masthead analytics report``: the JSON schema, CSV, and clear errors for bad input."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from masthead.analytics.tests.helpers import read

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("analytics", "report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_json_report_has_the_documented_schema_and_the_reads(paper):
    read(paper["articles"]["vote"].url, referrer="https://duckduckgo.com/")
    read("/")
    from masthead.analytics import counting

    counting.flush()
    today = timezone.localdate().isoformat()
    report = json.loads(run("--from", today, "--to", today, "--format", "json"))
    assert (report["pageviews"], report["readers"]) == (2, 2)
    assert "30 seconds" in report["note"]
    assert set(report["stories"][0]) >= {
        "path",
        "title",
        "pageviews",
        "full",
        "teaser",
        "wall_stops",
        "subscriptions",
        "donations",
        "revenue",
    }
    assert {(row["source"], row["detail"], row["pageviews"]) for row in report["sources"]} == {
        ("search", "duckduckgo.com", 1),
        ("direct", "", 1),
    }
    assert all(
        set(row) >= {"source", "detail", "pageviews", "subscriptions"} for row in report["sources"]
    )
    assert report["conversions"] == []


def test_the_csv_report_is_one_table(paper):
    read(paper["articles"]["vote"].url)
    from masthead.analytics import counting

    counting.flush()
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
    assert [(row["title"], row["pageviews"], row["full"]) for row in rows] == [
        (paper["articles"]["vote"].title, "1", "1")
    ]
    sources = list(csv.DictReader(io.StringIO(run("--format", "csv", "--table", "sources"))))
    assert sources[0]["source"] == "direct"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-13-01"], "is not a day"),
        (["--from", "yesterday"], "is not a day"),
        (["--from", "2026-12-07", "--to", "2026-12-01"], "before"),
        (["--limit", "0"], "1 or more"),
    ],
)
def test_bad_input_is_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
