"""What a live blog's page adds to an article's: its entries, as the paywall allows.

The page is served as an article (``news.article_response.serve_article``):
one access decision, the same delivery through the shared page cache, the
summary (the article's body) cut like any article's body. This adds what
only a live blog has: its entries, through ``entries.readable_entries``, and
its structured data.
"""

from __future__ import annotations

from masthead.liveblogs.entries import readable_entries
from masthead.liveblogs.structured_data import live_blog_metadata


def teaser_entries(blog, access) -> int:
    return blog.teaser_paragraphs or access.rules.teaser_paragraphs


def blog_entries(blog) -> list:
    return list(blog.entries.all().select_related("author"))


def live_blog_context(blog, request, access, *, preview: bool) -> dict:
    readable = readable_entries(
        blog_entries(blog), full=access.outcome.is_full, teaser_count=teaser_entries(blog, access)
    )
    shown = [*([readable.pinned] if readable.pinned else []), *readable.entries]
    return {
        "live": readable,
        "meta": live_blog_metadata(blog=blog, request=request, entries=shown),
        # A reader past the allowance has every entry they will get: nothing to ask for.
        "live_updates": not preview and not blog.closed and not readable.withheld,
    }
