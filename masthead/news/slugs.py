"""A page's address from its headline, for when the newsroom leaves the slug empty.

Readers share and type these addresses, so they are plain ASCII when the
headline allows it ("Zürich" gives "zurich"); a headline in another script
keeps its letters, and one with no letters at all gets "story". A sibling
already holding the slug pushes a number on the end, as Wagtail does; so does
a sibling holding the slug the editor filled in from the headline (a story
started, autosaved and abandoned under the same headline), which the writer
never chose.
"""

from __future__ import annotations

from django.utils.text import slugify

FALLBACK_SLUG = "story"
MAX_SLUG_LENGTH = 80


def base_slug(headline: str) -> str:
    slug = slugify(headline) or slugify(headline, allow_unicode=True) or FALLBACK_SLUG
    return slug[:MAX_SLUG_LENGTH].strip("-") or FALLBACK_SLUG


def made_from_headline(slug: str, headline: str) -> bool:
    """Whether ``slug`` is the headline's own, as we or the editor's title-to-slug sync make it.

    The sync fills the slug (on the Promote tab) as the headline is typed, so a
    slug like this one was not chosen by the writer.
    """
    forms = {base_slug(headline), slugify(headline), slugify(headline, allow_unicode=True)}
    return slug in forms


def slug_from_headline(headline: str, parent, page=None) -> str:
    """A slug for ``headline`` that no other child of ``parent`` holds (``page`` itself aside)."""
    from wagtail.models import Page

    base = base_slug(headline)
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate
