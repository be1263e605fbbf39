"""The marker a story's card carries: "Live" while coverage is running, "Updated" once republished.

A story says it is live by having a true ``live_coverage`` attribute; every
card, front and list then shows it without knowing the type. Lists read plain
articles, not their page types, so their one query learns it with
``live_coverage()``: a live blog whose coverage has not been closed. Closing
the coverage is a publication, so the fronts that list the blog are rendered
again and lose the marker.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

LIVE = "live"
UPDATED = "updated"
LABELS = {LIVE: "Live", UPDATED: "Updated"}


def marker_for(story) -> str | None:
    if getattr(story, "live_coverage", False):
        return LIVE
    if getattr(story, "updated_at", None):
        return UPDATED
    return None


def running_live_blogs():
    """Live blogs whose coverage has not been closed."""
    from masthead.liveblogs.models import LiveBlogPage

    return LiveBlogPage.objects.filter(coverage_end__isnull=True)


def live_coverage() -> Exists:
    """An annotation for a list's query: true for a live blog still running (no extra query)."""
    return Exists(running_live_blogs().filter(pk=OuterRef("pk")))


def mark_live_coverage(stories) -> list:
    """The stories, each with ``live_coverage`` set, for a list no selector built (one query)."""
    stories = list(stories)
    running = set(
        running_live_blogs()
        .filter(pk__in=[story.pk for story in stories])
        .values_list("pk", flat=True)
    )
    for story in stories:
        story.live_coverage = story.pk in running
    return stories
