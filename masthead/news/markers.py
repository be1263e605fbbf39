"""The marker a story's card carries: "Live" while coverage is running, "Updated" once republished.

A live-blog page type (or anything else that runs as it happens) says it is
live by having a true ``live_coverage`` attribute; every card, front and list
then shows it without knowing the type.
"""

from __future__ import annotations

LIVE = "live"
UPDATED = "updated"
LABELS = {LIVE: "Live", UPDATED: "Updated"}


def marker_for(story) -> str | None:
    if getattr(story, "live_coverage", False):
        return LIVE
    if getattr(story, "updated_at", None):
        return UPDATED
    return None
