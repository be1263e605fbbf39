"""Publishing or unpublishing an article queues a refresh of the similar lists; an
editor's pins and blocks, saved or removed, are copied beside the list at once.
A story's change touches the kept pages of the stories whose lists show it
(registered with the delivery layer's ``page_tags``).

STYLE.md keeps rules out of signals; this handler holds none. It only queues
the task, after the transaction commits (so the task sees the published
page), and the service decides what changes. The task runs on the background
queue's worker, not in the web worker that served the publish.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from masthead.edge.extensions import page_tags
from masthead.news.extensions import add_to_article_editor
from masthead.news.models import ArticlePage
from masthead.recommendations.panels import SimilarStoriesPanel

# Set while a caller publishes many stories and rebuilds every list itself after.
_paused: ContextVar[bool] = ContextVar("similar_refresh_paused", default=False)


@contextmanager
def similar_refresh_paused() -> Iterator[None]:
    """Publish in bulk without a refresh per story; the caller then runs ``rebuild_similar``."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def queue_similar_refresh(sender, instance, **kwargs) -> None:
    from masthead.recommendations.tasks import queue_similar_refresh_for

    if _paused.get():
        return
    article_id = instance.pk
    transaction.on_commit(lambda: queue_similar_refresh_for(article_id))


def copy_editor_choices(sender, instance, **kwargs) -> None:
    """An editor's pin or block was saved or removed (on publishing): copy them beside the list."""
    from masthead.recommendations.services import apply_editor_choices

    apply_editor_choices(instance.article_id)


def holders_of(article_id: int) -> list[int]:
    """The articles whose stored similar-stories list shows ``article_id``."""
    from masthead.recommendations.models import SimilarList

    if connection.vendor == "postgresql":
        return list(
            SimilarList.objects.filter(similar_ids__contains=[article_id]).values_list(
                "article_id", flat=True
            )
        )
    return [
        holder
        for holder, similar in SimilarList.objects.values_list("article_id", "similar_ids")
        if article_id in similar
    ]


def stories_showing(page, page_class) -> list[str]:
    """A story's change touches the stories whose similar-stories boxes show it."""
    if page_class is None or not issubclass(page_class, ArticlePage):
        return []
    return [f"page:{holder}" for holder in holders_of(page.pk)]


def connect() -> None:
    from masthead.recommendations.models import SimilarChoice

    page_tags.register(stories_showing)
    add_to_article_editor(
        SimilarStoriesPanel(heading="Similar stories readers see now"), after="related_links"
    )

    for signal in (page_published, page_unpublished):
        signal.connect(queue_similar_refresh, sender=ArticlePage, dispatch_uid=f"similar-{signal}")
    for signal in (post_save, post_delete):
        signal.connect(copy_editor_choices, sender=SimilarChoice, dispatch_uid=f"choices-{signal}")
