"""Reads of published news: what the front page, sections, authors and topics show.

Every list is of live, public articles only, newest first, with what a story
card needs (section, hero image renditions, authors) loaded in a fixed
number of queries, however long the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page

from masthead.news.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage, Topic

SECTION_BLOCK_SIZE = 4


def published_articles() -> QuerySet[ArticlePage]:
    return (
        ArticlePage.objects.live()
        .public()
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


def live_sections() -> list[SectionPage]:
    return list(SectionPage.objects.live().public().order_by("path"))


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
