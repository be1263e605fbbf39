"""Changes to the paper's content: creating sections and publishing articles.

The demo loader and the test factories both go through these, so the demo is
built exactly the way the tests build their papers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from masthead.images.models import MastheadImage
from masthead.news.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage, Topic


def paragraph_html(text: str) -> str:
    """Plain text as the HTML a rich-text paragraph block stores."""
    return f"<p>{escape(text)}</p>"


def front_page() -> HomePage:
    return HomePage.objects.order_by("path").first()


@transaction.atomic
def section_create(
    *, title: str, slug: str = "", description: str = "", free_to_read: bool = False
) -> SectionPage:
    section = SectionPage(
        title=title, slug=slug or slugify(title), description=description, free_to_read=free_to_read
    )
    front_page().add_child(instance=section)
    section.save_revision().publish()
    return section


@transaction.atomic
def article_create(
    *,
    section: SectionPage,
    headline: str,
    standfirst: str,
    body: list[dict],
    authors: Iterable[Author] = (),
    topics: Iterable[Topic] = (),
    hero_image: MastheadImage | None = None,
    hero_caption: str = "",
    free_to_read: bool = False,
    kind: str = "news",
    kicker: str = "",
    slug: str = "",
    publish: bool = True,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
) -> ArticlePage:
    """Create an article in ``section``; publish it unless ``publish`` is false.

    ``body`` is StreamField data: ``[{"type": "paragraph", "value": "<p>…</p>"}, …]``.
    ``published_at`` and ``updated_at`` backdate a publication (the demo's archive).
    """
    article = ArticlePage(
        title=headline,
        slug=slug or slugify(headline)[:80],
        standfirst=standfirst,
        body=json.dumps(body),
        hero_image=hero_image,
        hero_caption=hero_caption,
        free_to_read=free_to_read,
        kind=kind,
        kicker=kicker,
        live=False,
    )
    article.article_authors = [ArticleAuthor(author=author) for author in authors]
    article.topics = list(topics)
    section.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
        if published_at:
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published_at,
                last_published_at=updated_at or published_at,
            )
            article.refresh_from_db()
    return article
