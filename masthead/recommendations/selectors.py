"""Reading similar stories for the article page."""

from __future__ import annotations

from functools import cache

from masthead.news.models import ArticlePage
from masthead.news.selectors import attach_sections, public_only
from masthead.recommendations.models import SimilarChoice, SimilarList

SHOWN = 3
# What a card needs: never the body, the largest column by far.
CARD_FIELDS = (
    "title", "slug", "url_path", "path", "depth", "live", "locale", "content_type",
    "first_published_at", "go_live_at", "latest_revision_created_at", "hero_image",
)  # fmt: skip


@cache
def stored_lists():
    """The stored lists' ids, as the article page reads them: built once per process."""
    return SimilarList.objects.values_list("similar_ids", "pinned_ids", "blocked_ids").order_by()


def similar_articles_for(article: ArticlePage, k: int = SHOWN) -> list[ArticlePage]:
    """Up to ``k`` live, public articles most similar to ``article``; never itself.

    The editor's pinned stories come first, in their order; the best of the
    stored list fill the rest, newest first, so that the latest coverage of
    a developing story leads; a blocked story is never shown. A fixed number
    of queries: the list with the editor's choices, the articles (with hero
    images and their renditions, authors) and the sections.
    """
    # One list per article: no ordering to add to the query.
    stored = next(iter(stored_lists().filter(article_id=article.pk)[:1]), None)
    similar, pinned, blocked = stored or ([], [], [])
    pinned = [pk for pk in pinned if isinstance(pk, int) and pk != article.pk]
    blocked = set(blocked)
    chosen = set(pinned) | blocked | {article.pk}
    ids = [pk for pk in similar if isinstance(pk, int) and pk not in chosen]
    if not ids and not pinned:
        return []
    found = (
        public_only(ArticlePage.objects.live())
        .filter(pk__in=[*pinned, *ids])
        .only(*CARD_FIELDS)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .in_bulk()
    )
    first = [found[pk] for pk in pinned if pk in found][:k]
    best = [found[pk] for pk in ids if pk in found][: k - len(first)]
    best.sort(key=lambda a: (a.first_published_at is not None, a.first_published_at), reverse=True)
    return attach_sections(first + best)


def editor_choices(article_id: int) -> tuple[list[int], set[int]]:
    """The stories an editor pinned under ``article_id`` (in order) and those blocked."""
    pinned, blocked = [], set()
    rows = SimilarChoice.objects.filter(article_id=article_id).order_by("sort_order", "pk")
    for story_id, action in rows.values_list("story_id", "action"):
        if story_id == article_id:
            continue
        if action == SimilarChoice.Action.BLOCK:
            blocked.add(story_id)
        elif story_id not in pinned:
            pinned.append(story_id)
    return pinned, blocked
