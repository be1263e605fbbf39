"""The links an editor placed under a story: other stories of ours, or pages elsewhere.

They are the editor's choice, not withheld text, so every reader sees them,
past the meter or not. A link to one of our stories shows only while that
story is live, under its current headline (the page's cache tags follow those
stories, so an unpublished or retitled story leaves the list at once).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from masthead.news.models import ArticleRelatedLink


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    external: bool


def related_links_for(article) -> list[RelatedLink]:
    """The article's related links, in the editor's order, live stories only."""
    links = link_rows(article)
    story_ids = [link.page_id for link in links if link.page_id]
    from wagtail.models import Page

    live = {}
    if story_ids:
        live = {page.pk: page for page in Page.objects.live().filter(pk__in=story_ids)}
    shown = []
    for link in links:
        if link.page_id:
            page = live.get(link.page_id)
            if page is not None:
                shown.append(RelatedLink(link.title or page.title, page.url, external=False))
        elif link.url:
            shown.append(RelatedLink(link.title, link.url, external=True))
    return shown


def related_story_ids(article) -> list[int]:
    """The stories the related links name: the article's page shows their headlines."""
    return [link.page_id for link in link_rows(article) if link.page_id]


def link_rows(article) -> list:
    """The article's link rows, read once per page object (the page and its tags both need them).

    An article read with :func:`has_related_links` annotated that has none costs no query.
    """
    rows = getattr(article, "_related_link_rows", None)
    if rows is None:
        if getattr(article, "has_related_links", True):
            rows = list(article.related_links.all())
        else:
            rows = []
        article._related_link_rows = rows
    return rows


def has_related_links() -> Exists:
    """Whether the outer article (``pk``) has related links: annotated as ``has_related_links``,
    an article knows it inside its own query (most have none)."""
    return Exists(ArticleRelatedLink.objects.filter(article=OuterRef("pk")))
