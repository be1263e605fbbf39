"""A published live blog is indexed again once its entries are saved, and its fronts purged.

Wagtail indexes a page as its row is saved, before the entries saved with it
(a ParentalKey relation) are written, so without this the search would learn
of an entry only at the next publication.

Wagtail names the page type as the sender of ``page_published``, so the CDN
purge of a story's fronts, which listens for articles, would not hear a live
blog: without it a CDN would keep showing "Live" on a closed blog's card.
"""

from __future__ import annotations

from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published, page_unpublished


def blog_published(instance, **kwargs) -> None:
    meta = instance._meta
    insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(instance.pk))


def connect() -> None:
    from masthead.edge.signals import purge_fronts
    from masthead.liveblogs.models import LiveBlogPage

    page_published.connect(blog_published, sender=LiveBlogPage, dispatch_uid="liveblogs-search")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_fronts, sender=LiveBlogPage, dispatch_uid="liveblogs-fronts")
