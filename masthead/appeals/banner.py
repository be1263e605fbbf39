"""The appeal banner as it stands this moment: a piece filled into every kept page as it is sent.

Kept pages hold a placeholder where the banner goes, so a donation changes no
kept page: the banner is rendered once per version of the ``appeal`` tag
(bumped by every donation and every edit of an appeal), and the same HTML is
filled into every page until then. The totals come from the donations table
in one query, so they stay exact. Every ``FRESH_SECONDS`` it is looked at
again (an appeal scheduled to start has no bump): that look is taken in a
thread beside the readers, who get the banner of a moment ago meanwhile, so
no reader waits for the database. At an appeal's end the banner goes at once.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from django.db import connections
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

# Per copy (None: the appeal's own words; a test's variant otherwise):
# (stamp, looked at again after, html, the appeal's end or None).
_rendered: dict[object, tuple[tuple, datetime, str, datetime | None]] = {}
_refreshing: set[object] = set()
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
    if kept is not None and stamp is not None and kept[0] == stamp:
        fresh_until, html, ends_at = kept[1], kept[2], kept[3]
        if ends_at is None or now < ends_at:  # at the end it goes at once, below
            if now >= fresh_until:
                _look_again_beside(copy, stamp)
            return html
    return _render(copy, stamp, now)


def _render(copy: AskCopy | None, stamp, now: datetime) -> str:
    appeal = running_appeal(now)
    context = {"appeal": appeal, "copy": copy}
    ends_at = None
    if appeal is not None:
        context["progress"] = appeal_progress(appeal)
        ends_at = appeal.ends_at
    html = render_to_string("components/appeal_banner.html", context)
    if stamp is not None:
        with _lock:
            if len(_rendered) > 16:
                _rendered.clear()
            fresh_until = now + timedelta(seconds=FRESH_SECONDS)
            _rendered[copy] = (stamp, fresh_until, html, ends_at)
    return html


def _look_again_beside(copy: AskCopy | None, stamp) -> None:
    """Render the banner again in a thread of its own, once at a time per copy."""
    with _lock:
        if copy in _refreshing:
            return
        _refreshing.add(copy)

    def look() -> None:
        try:
            _render(copy, stamp, timezone.now())
        finally:
            with _lock:
                _refreshing.discard(copy)
            connections.close_all()  # this thread's own, opened for the one query

    threading.Thread(target=look, name="appeal-banner", daemon=True).start()


def forget_banner() -> None:
    _rendered.clear()
