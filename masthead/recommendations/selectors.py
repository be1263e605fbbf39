"""Reading similar stories for the article page."""

from __future__ import annotations

from masthead.news.models import ArticlePage
from masthead.news.selectors import attach_sections, public_only
from masthead.recommendations.models import SimilarList

SHOWN = 3
# What a card needs: never the body, the largest column by far.
CARD_FIELDS = (
    "title", "slug", "url_path", "path", "depth", "live", "locale", "content_type",
    "first_published_at", "go_live_at", "latest_revision_created_at", "hero_image",
)  # fmt: skip


def similar_articles_for(article: ArticlePage, k: int = SHOWN) -> list[ArticlePage]:
    """Up to ``k`` live, public articles most similar to ``article``; never itself.

    The ``k`` best of the stored list are shown newest first, so that the
    latest coverage of a developing story leads. A fixed number of queries:
    the list, the articles (with hero images and their renditions, authors)
    and the sections.
    """
    stored = (
        SimilarList.objects.filter(article_id=article.pk)
        .values_list("similar_ids", flat=True)
        .first()
    )
    ids = [pk for pk in (stored or []) if isinstance(pk, int) and pk != article.pk]
    if not ids:
        return []
    found = (
        public_only(ArticlePage.objects.live())
        .filter(pk__in=ids)
        .only(*CARD_FIELDS)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .in_bulk()
    )
    best = [found[pk] for pk in ids if pk in found][:k]
    best.sort(key=lambda a: (a.first_published_at is not None, a.first_published_at), reverse=True)
    return attach_sections(best)
