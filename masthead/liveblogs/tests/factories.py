"""Live blogs for tests, made through the same services as the demo's."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from masthead.liveblogs.services import live_blog_create, new_entry
from masthead.news.tests.factories import AuthorFactory, body_of


def make_live_blog(section, *, entries: int = 6, closed: bool = False, **kwargs):
    """A blog with ``entries`` entries an hour apart: the 2nd and 5th key events, the 3rd pinned."""
    start = timezone.now() - timedelta(hours=entries + 1)
    author = AuthorFactory()
    blog_entries = [
        new_entry(
            time=start + timedelta(hours=n),
            headline=f"Entry {n} headline",
            body=body_of([f"Words of entry {n}, only for readers who have the entry."]),
            author=author,
            key_event=n in (2, 5),
            pinned=n == 3,
        )
        for n in range(1, entries + 1)
    ]
    return live_blog_create(
        section=section,
        headline=kwargs.pop("headline", "Live: the river rises"),
        standfirst="Follow the day as it happens.",
        summary=body_of(["The summary every reader gets.", "Its second paragraph."]),
        entries=blog_entries,
        authors=[author],
        coverage_start=start,
        coverage_end=(start + timedelta(hours=entries + 1)) if closed else None,
        **kwargs,
    )
