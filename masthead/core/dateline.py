"""The date line under the masthead: today's date in the paper's time zone.

Kept pages outlive midnight, so the date is a piece filled as each page is
sent, never part of the kept copy.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from masthead.core.pieces import Piece

DATE_LINE = Piece("date-line")

_made: tuple[date, str] | None = None


def date_line_html(today: date | None = None) -> str:
    """``<time datetime="2026-12-07">Monday 7 December 2026</time>``, made once a day."""
    global _made
    today = today or timezone.localdate()
    if _made is None or _made[0] != today:
        words = format_date(today, "l j F Y")
        _made = (today, format_html('<time datetime="{}">{}</time>', today.isoformat(), words))
    return _made[1]


def date_line_values(present: frozenset[str], access) -> dict[str, str]:
    if DATE_LINE.name not in present:
        return {}
    return {DATE_LINE.name: date_line_html()}
