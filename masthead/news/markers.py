"""The marker a story's card carries: "Live" while coverage is running, "Updated" once republished.

A story says it is live by having a true ``live_coverage`` attribute; every
card, front and list then shows it without knowing the type. Lists read plain
articles, not their page types, so their one query learns it with
``live_coverage()``: a story some feature says is running
(``extensions.running_coverage``: a live blog whose coverage has not been
closed). Closing the coverage is a publication, so the fronts that list the
blog are rendered again and lose the marker.
"""

from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

from masthead.news.extensions import running_coverage

LIVE = "live"
UPDATED = "updated"
LABELS = {LIVE: "Live", UPDATED: "Updated"}


def marker_for(story) -> str | None:
    if getattr(story, "live_coverage", False):
        return LIVE
    if getattr(story, "updated_at", None):
        return UPDATED
    return None


def live_coverage():
    """An annotation for a list's query: true for a story whose coverage runs (no extra query)."""
    running = [Exists(source().filter(pk=OuterRef("pk"))) for source in running_coverage]
    if not running:
        return Value(False, output_field=BooleanField())
    if len(running) == 1:
        return running[0]
    condition = Q(running[0])
    for exists in running[1:]:
        condition |= Q(exists)
    return ExpressionWrapper(condition, output_field=BooleanField())


def mark_live_coverage(stories) -> list:
    """The stories, each with ``live_coverage`` set, for a list no selector built."""
    stories = list(stories)
    ids = [story.pk for story in stories]
    running = set()
    for source in running_coverage:
        running |= set(source().filter(pk__in=ids).values_list("pk", flat=True))
    for story in stories:
        story.live_coverage = story.pk in running
    return stories
