"""What is kept and for how long; the one road to the body; the offer's links work."""

from pathlib import Path

import pytest
from django.core.management import call_command

from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period, period_end, period_of

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_purge_forgets_last_months_reads_and_keeps_this_months(db, capsys):
    store = meter_store()
    store.grant(reader_key="anon:old", period="2026-09", article_id=1, limit=5)
    store.grant(reader_key="anon:now", period=current_period(), article_id=1, limit=5)
    call_command("purge_meter")
    assert "Removed" in capsys.readouterr().out
    assert store.used(reader_key="anon:old", period="2026-09") == 0
    assert store.used(reader_key="anon:now", period=current_period()) == 1


def test_months_follow_the_publications_time_zone():
    from datetime import UTC, datetime

    # 23:30 UTC on 31 May is already June in London (BST).
    assert period_of(datetime(2026, 5, 31, 23, 30, tzinfo=UTC), "Europe/London") == "2026-06"
    assert period_of(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "Europe/London") == "2026-12"
    assert period_end("2026-12", "Europe/London").isoformat() == "2027-01-01T00:00:00+00:00"


def test_the_privacy_page_says_what_is_kept(client):
    page = client.get("/privacy/").content.decode()
    assert "mh_reader" in page and "which articles you opened this calendar month" in page
    assert "previous month" in page


def test_templates_reach_the_body_only_through_the_paywall():
    """No template iterates ``page.body``: the body comes from readable_body() or not at all."""
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if ".body"
        in path.read_text()
        .replace("body.teaser", "")
        .replace("body.rest", "")
        .replace("body.withheld", "")
        .replace("<body", "")
    ]
    assert offenders == []


def test_the_offer_links_lead_somewhere(client, paper):
    assert client.get("/accounts/signup/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


def test_head_and_options_carry_no_body_and_post_is_refused(client, paper):
    article = paper["articles"]["vote"]
    head = client.head(article.url)
    assert head.status_code == 200 and b"zanzibarite" not in head.content
    options = client.options(article.url)
    assert options.status_code == 200 and options["Allow"] == "GET, HEAD, OPTIONS"
    assert options.content == b""
    assert client.post(article.url).status_code == 405
    assert b"You have read 1 of 5" in client.get(article.url).content  # none of them counted
