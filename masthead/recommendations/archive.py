"""Published articles as engine records: the text, date, section and topics a newsroom has."""

from __future__ import annotations

import json
from collections import defaultdict

from django.utils.html import strip_tags
from wagtail.models import Page

from masthead.news.models import ArticlePage, SectionPage
from masthead.recommendations.records import Record


def _texts(value) -> list[str]:
    """Every string in a StreamField block value (paragraphs, quotes, captions)."""
    if isinstance(value, str):
        return [strip_tags(value)]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "image" for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def body_text(raw_body) -> str:
    blocks = raw_body if isinstance(raw_body, list) else []
    return "\n".join(
        text
        for block in blocks
        if isinstance(block, dict) and block.get("type") not in {"image", "embed"}
        for text in _texts(block.get("value"))
    )


def published_article_records(article_ids=None) -> list[Record]:
    """Live, public articles as records, in three queries however many there are."""
    articles = ArticlePage.objects.live().public().order_by("pk")
    if article_ids is not None:
        articles = articles.filter(pk__in=list(article_ids))
    rows = list(
        articles.values_list("pk", "title", "standfirst", "body", "first_published_at", "path")
    )
    sections = {
        section.path: section.title for section in SectionPage.objects.only("path", "title")
    }
    topics = defaultdict(list)
    through = ArticlePage.topics.through
    for article_id, name in through.objects.filter(
        articlepage_id__in=[row[0] for row in rows]
    ).values_list("articlepage_id", "topic__name"):
        topics[article_id].append(name)
    return [
        Record(
            id=pk,
            title=title,
            body=f"{standfirst}\n{body_text(_raw(body))}",
            date=published.date() if published else None,
            section=sections.get(path[: -Page.steplen], ""),
            topics=tuple(topics[pk]),
        )
        for pk, title, standfirst, body, published, path in rows
    ]


def _raw(body):
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return []
    return list(raw) if raw is not None else []
