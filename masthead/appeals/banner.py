"""The appeal banner as it stands this moment: a piece filled into every kept page as it is sent.

Kept pages hold a placeholder where the banner goes, so a donation changes no
kept page: the banner is rendered once per version of the ``appeal`` tag
(bumped by every donation and every edit of an appeal), at most every
``FRESH_SECONDS`` and never past the appeal's end, and the same HTML is
filled into every page until then. The totals come from the donations table
in one query, so they stay exact.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from masthead.appeals.selectors import appeal_progress, running_appeal
from masthead.core.pieces import Piece
from masthead.core.versions import page_versions

FRESH_SECONDS = 30

# On fronts and on stories read in full: never beside the paywall's offer, one ask at a time.
APPEAL_BANNER = Piece(
    "appeal-banner", shown=lambda view: view.outcome is None or view.outcome.is_full
)

_rendered: tuple[tuple, object, str] | None = None  # (stamp, until, html)
_lock = threading.Lock()


def banner_html() -> str:
    """The running appeal's banner, or an empty string when no appeal runs."""
    global _rendered
    now = timezone.now()
    stamp = page_versions().stamp(("appeal",))
    kept = _rendered
    if kept is not None and stamp is not None and kept[0] == stamp and now < kept[1]:
        return kept[2]
    appeal = running_appeal(now)
    context = {"appeal": appeal}
    until = now + timedelta(seconds=FRESH_SECONDS)
    if appeal is not None:
        context["progress"] = appeal_progress(appeal)
        until = min(until, appeal.ends_at)
    html = render_to_string("components/appeal_banner.html", context)
    if stamp is not None:
        with _lock:
            _rendered = (stamp, until, html)
    return html


def forget_banner() -> None:
    global _rendered
    _rendered = None
