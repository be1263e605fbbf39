"""Writing thousands of pages without the work each single publish sets off.

A newsroom's publish updates the search index, refreshes similar-stories
lists, invalidates kept pages, makes image renditions and records references,
each at once. For an import of a whole archive that work is done once, in
bulk, after the pages are written (``writer.finish_in_bulk``): per page it
would cost far more than writing the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from masthead.core.versions import bumps_held
from masthead.images.models import MastheadImage
from masthead.images.renditions import renditions_deferred
from masthead.news.models import ArticlePage, Author, Topic
from masthead.recommendations.signals import similar_refresh_paused

INDEXED_IN_BULK = (ArticlePage, MastheadImage, Author, Topic)


@contextmanager
def search_indexing_paused() -> Iterator[None]:
    """No index update per saved object; the caller indexes what it wrote afterwards."""
    paused = [
        model
        for model in INDEXED_IN_BULK
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)


@contextmanager
def bulk_writes(*, dry_run: bool) -> Iterator[None]:
    with ExitStack() as stack:
        stack.enter_context(search_indexing_paused())
        stack.enter_context(similar_refresh_paused())
        stack.enter_context(disable_reference_index_auto_update())
        stack.enter_context(bumps_held(bump_after=not dry_run))
        stack.enter_context(renditions_deferred())
        yield
