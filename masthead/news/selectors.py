"""Reads of published news: what the front page, sections, authors and topics show.

Every list is of live, public articles only, newest first, with what a story
card needs (section, hero image renditions, authors) loaded in a fixed
number of queries, however long the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page, PageViewRestriction

from masthead.edge.memo import kept_until_changed
from masthead.news.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage, Topic

SECTION_BLOCK_SIZE = 4


@kept_until_changed("site")
def site_root_paths():
    from wagtail.models import Site

    return Site.get_site_root_paths()


@kept_until_changed("site")
def restricted_paths() -> dict[str, list[PageViewRestriction]]:
    """Pages under Wagtail's privacy (by tree path) and their restrictions: read once per change."""
    restricted: dict[str, list[PageViewRestriction]] = {}
    for restriction in PageViewRestriction.objects.select_related("page"):
        restricted.setdefault(restriction.page.path, []).append(restriction)
    return restricted


def public_only(pages: QuerySet) -> QuerySet:
    """Wagtail's ``public()`` without its query per call: the restricted paths are kept."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def restrictions_over(path: str) -> list[PageViewRestriction]:
    """The view restrictions on the page at ``path`` and on its ancestors."""
    return [
        restriction
        for restricted, restrictions in restricted_paths().items()
        if path.startswith(restricted)
        for restriction in restrictions
    ]


def published_articles() -> QuerySet[ArticlePage]:
    return (
        public_only(ArticlePage.objects.live())
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )
        .order_by("-first_published_at", "-pk")
    )


@kept_until_changed("site")
def live_sections() -> list[SectionPage]:
    """The sections, in order: read once per change to the site's structure."""
    return list(public_only(SectionPage.objects.live()).order_by("path"))


def section_at(path: str) -> SectionPage | None:
    """The live section whose tree path is ``path`` (no query while nothing changed)."""
    return next((section for section in live_sections() if section.path == path), None)


def attach_sections(articles, sections: list[SectionPage] | None = None) -> list[ArticlePage]:
    """Set each article's ``section`` from one list of sections instead of a query per card."""
    articles = list(articles)
    by_path = {section.path: section for section in (sections or live_sections())}
    for article in articles:
        section = by_path.get(article.path[: -Page.steplen])
        if section is not None:
            article.section = section  # fills the cached_property
    return articles


def articles_in_section(*, section: SectionPage) -> QuerySet[ArticlePage]:
    return published_articles().child_of(section)


def articles_by_author(*, author: Author) -> QuerySet[ArticlePage]:
    return published_articles().filter(article_authors__author=author)


def articles_with_topic(*, topic: Topic) -> QuerySet[ArticlePage]:
    return published_articles().filter(topics=topic)


def articles_published_since(since: datetime) -> QuerySet[ArticlePage]:
    return published_articles().filter(first_published_at__gte=since)


@dataclass
class SectionBlock:
    section: SectionPage
    articles: list[ArticlePage] = field(default_factory=list)


@dataclass
class FrontPage:
    lead: ArticlePage | None
    blocks: list[SectionBlock]


def front_page(*, home: HomePage) -> FrontPage:
    """The lead story and, for each section, its newest stories (the lead not repeated)."""
    sections = [s for s in live_sections() if s.path.startswith(home.path)]
    lead = None
    if home.lead_story_id:
        lead = published_articles().filter(pk=home.lead_story_id).first()
    if lead is None:
        lead = published_articles().descendant_of(home).first()
    blocks = []
    for section in sections:
        articles = articles_in_section(section=section)
        if lead is not None:
            articles = articles.exclude(pk=lead.pk)
        block_articles = attach_sections(articles[:SECTION_BLOCK_SIZE], sections)
        if block_articles:
            blocks.append(SectionBlock(section=section, articles=block_articles))
    if lead is not None:
        attach_sections([lead], sections)
    return FrontPage(lead=lead, blocks=blocks)
