"""Reading the paper over HTTP as readers do, and asking the report what it saw."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from masthead.analytics import counting
from masthead.analytics.report import report

DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
OWN = "http://testserver"  # the test settings' site address


def read(path: str, *, client: Client | None = None, agent: str = DESKTOP, referrer: str = ""):
    client = client or Client()
    headers = {"User-Agent": agent}
    if referrer:
        headers["Referer"] = referrer
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return response


def figures() -> dict:
    """Today's report once every buffered count is written."""
    counting.flush()
    today = timezone.localdate()
    return report(today, today)


def by(rows: list[dict], field: str, value_field: str = "pageviews") -> dict:
    return {row[field]: row[value_field] for row in rows}


def story(figures: dict, article) -> dict:
    return next(row for row in figures["stories"] if row["title"] == article.title)
