"""Publishing or unpublishing an article queues a refresh of the similar lists; an
editor's pins and blocks, saved or removed, are copied beside the list at once.

STYLE.md keeps rules out of signals; this handler holds none. It only queues
the task, after the transaction commits (so the task sees the published
page), and the service decides what changes. The task runs on the background
queue's worker, not in the web worker that served the publish.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from masthead.news.models import ArticlePage

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


def connect() -> None:
    from masthead.recommendations.models import SimilarChoice

    for signal in (page_published, page_unpublished):
        signal.connect(queue_similar_refresh, sender=ArticlePage, dispatch_uid=f"similar-{signal}")
    for signal in (post_save, post_delete):
        signal.connect(copy_editor_choices, sender=SimilarChoice, dispatch_uid=f"choices-{signal}")
