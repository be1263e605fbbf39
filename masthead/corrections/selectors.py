"""A story's corrections, and the time a corrected story was last updated.

The paper's own lists (the story's page, the fronts' "Updated") read these, so
this module knows no page model; the public list of every correction is
``listing.public_corrections``.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import OuterRef, Subquery

from masthead.corrections.models import Correction


def corrections_of(article_id: int) -> list[Correction]:
    """A story's corrections, newest first, each knowing what it supersedes."""
    return list(Correction.objects.filter(article_id=article_id).select_related("supersedes"))


def updated_time(republished_at: datetime | None, corrections: list[Correction]) -> datetime | None:
    """The "Updated" time a reader sees: the later of a republication and the newest correction."""
    times = [t for t in (republished_at, *(c.corrected_at for c in corrections)) if t]
    return max(times) if times else None


def last_corrected_at() -> Subquery:
    """When the outer story (``pk``) was last corrected: a subquery to annotate a list with.

    A list of cards learns each story's newest correction inside its one query.
    """
    newest = Correction.objects.filter(article_id=OuterRef("pk")).order_by("-corrected_at")
    return Subquery(newest.values("corrected_at")[:1])
