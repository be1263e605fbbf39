"""A live blog as its update address reads it, kept in this process until the blog changes.

Every open page asks every few seconds, so an answer must cost about what a
kept page does. What the address reads of a blog (the live page, its privacy,
its entries, each entry's HTML) changes only when the blog is published,
unpublished, moved or deleted (its ``page:<id>`` tag) or the site's privacy
changes (``site``), so it is read once per version of those tags, as
``core.kept`` keeps its reads, blog by blog. Readers are still decided one by
one on every request (``access.update_access``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from masthead.core.kept import kept_until_changed
from masthead.core.versions import page_versions
from masthead.liveblogs.models import LiveBlogPage
from masthead.liveblogs.response import blog_entries

KEPT_BLOGS = 100  # blogs polled at once; past it the process starts again from none
_lock = threading.Lock()


@dataclass
class KeptBlog:
    blog: LiveBlogPage
    restrictions: list
    entries: list  # oldest first, as ``blog_entries`` reads them
    entry_ids: frozenset[int]
    html: dict[int, str] = field(default_factory=dict)

    def has_after(self, entry_id: int) -> bool:
        """Whether any entry was added after ``entry_id``: if not, no reader has anything new."""
        return any(pk > entry_id for pk in self.entry_ids)

    def entry_html(self, entry) -> str:
        html = self.html.get(entry.pk)
        if html is None:
            html = self.html[entry.pk] = render_to_string("liveblogs/entry.html", {"entry": entry})
        return html


@kept_until_changed("site")
def _kept_blogs() -> dict:
    """Blog id to (its tag's version, ``KeptBlog``); a new, empty dict whenever ``site`` moves."""
    return {}


def read_blog(page_id: int) -> KeptBlog | None:
    blog = LiveBlogPage.objects.live().filter(pk=page_id).first()
    if blog is None:
        return None
    entries = blog_entries(blog)
    return KeptBlog(
        blog=blog,
        restrictions=list(blog.get_view_restrictions()),
        entries=entries,
        entry_ids=frozenset(entry.pk for entry in entries),
    )


def kept_blog(page_id: int) -> KeptBlog | None:
    """The live blog ``page_id`` as it stands, or None when no such blog is live."""
    stamp = page_versions().stamp([f"page:{page_id}"])
    blogs = _kept_blogs()
    found = blogs.get(page_id)
    if stamp is not None and found is not None and found[0] == stamp:
        return found[1]
    kept = read_blog(page_id)
    if kept is not None and stamp is not None:
        with _lock:
            if len(blogs) >= KEPT_BLOGS:
                blogs.clear()
            blogs[page_id] = (stamp, kept)
    return kept
