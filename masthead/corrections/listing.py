"""The public list of corrections: /corrections/ and its feed."""

from __future__ import annotations

from django.db.models import QuerySet

from masthead.corrections.models import Correction
from masthead.news.models import ArticlePage


def public_corrections() -> QuerySet[Correction]:
    """Every correction of a live story that anyone may read, newest first.

    A draft's corrections, and those of a story behind a login or password,
    stay off the public list and its feeds.
    """
    readable = ArticlePage.objects.live().public().values("pk")
    return Correction.objects.filter(article_id__in=readable).select_related("article")
