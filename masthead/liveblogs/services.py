"""Making live blogs and adding entries, as the newsroom does in the admin.

Each change is saved as a revision and published, so an entry reaches
readers exactly as one published from the admin does (and the shared page
cache hears of it the same way).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify

from masthead.liveblogs.models import LiveBlogEntry, LiveBlogPage
from masthead.news.models import ArticleAuthor, Author, SectionPage, Topic


def new_entry(
    *,
    body: list[dict],
    time: datetime | None = None,
    headline: str = "",
    author: Author | None = None,
    key_event: bool = False,
    pinned: bool = False,
) -> LiveBlogEntry:
    """``body`` is StreamField data, as for an article."""
    return LiveBlogEntry(
        time=time or timezone.now(),
        headline=headline,
        body=json.dumps(body),
        author=author,
        key_event=key_event,
        pinned=pinned,
    )


def live_blog_create(
    *,
    section: SectionPage,
    headline: str,
    standfirst: str,
    summary: list[dict],
    entries: Iterable[LiveBlogEntry] = (),
    authors: Iterable[Author] = (),
    topics: Iterable[Topic] = (),
    coverage_start: datetime | None = None,
    coverage_end: datetime | None = None,
    kicker: str = "",
    hero_image=None,
    free_to_read: bool = False,
    publish: bool = True,
    published_at: datetime | None = None,
) -> LiveBlogPage:
    """``published_at`` backdates the publication (the demo's archive)."""
    blog = LiveBlogPage(
        title=headline,
        slug=slugify(headline)[:80],
        standfirst=standfirst,
        body=json.dumps(summary),
        kicker=kicker,
        hero_image=hero_image,
        free_to_read=free_to_read,
        coverage_start=coverage_start or timezone.now(),
        coverage_end=coverage_end,
        live=False,
    )
    blog.article_authors = [ArticleAuthor(author=author) for author in authors]
    blog.topics = list(topics)
    blog.entries = list(entries)
    section.add_child(instance=blog)
    revision = blog.save_revision()
    if publish:
        revision.publish()
        if published_at:
            LiveBlogPage.objects.filter(pk=blog.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
        blog.refresh_from_db()
    return blog


def entry_publish(blog: LiveBlogPage, entry: LiveBlogEntry) -> LiveBlogEntry:
    """Add ``entry`` to the blog's live version and publish it."""
    blog = LiveBlogPage.objects.get(pk=blog.pk)
    blog.entries.add(entry)
    blog.save_revision().publish()
    return LiveBlogEntry.objects.get(blog=blog, time=entry.time, headline=entry.headline)
