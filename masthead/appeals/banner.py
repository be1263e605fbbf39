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

from masthead.appeals.extensions import AskCopy, banner_differs
from masthead.appeals.selectors import appeal_progress, running_appeal
from masthead.core.pieces import Piece
from masthead.core.versions import page_versions

FRESH_SECONDS = 30

# On fronts and on stories read in full: never beside the paywall's offer, one ask at a time.
APPEAL_BANNER = Piece(
    "appeal-banner",
    shown=lambda view: view.outcome is None or view.outcome.is_full,
    varies=banner_differs,  # a test of its words is running
)

# Per copy (None: the appeal's own words; a test's variant otherwise): (stamp, until, html).
_rendered: dict[object, tuple[tuple, object, str]] = {}
_lock = threading.Lock()


def banner_html(copy: AskCopy | None = None) -> str:
    """The running appeal's banner, or an empty string when no appeal runs.

    ``copy``: a test's variant of the ask (``extensions.banner_copy``); its
    holdout sees no banner at all.
    """
    if copy is not None and copy.hidden:
        return ""
    now = timezone.now()
    stamp = page_versions().stamp(("appeal",))
    kept = _rendered.get(copy)
    if kept is not None and stamp is not None and kept[0] == stamp and now < kept[1]:
        return kept[2]
    appeal = running_appeal(now)
    context = {"appeal": appeal, "copy": copy}
    until = now + timedelta(seconds=FRESH_SECONDS)
    if appeal is not None:
        context["progress"] = appeal_progress(appeal)
        until = min(until, appeal.ends_at)
    html = render_to_string("components/appeal_banner.html", context)
    if stamp is not None:
        with _lock:
            if len(_rendered) > 16:
                _rendered.clear()
            _rendered[copy] = (stamp, until, html)
    return html


def forget_banner() -> None:
    _rendered.clear()
