"""A published live blog is indexed again once its entries are saved.

Wagtail indexes a page as its row is saved, before the entries saved with it
(a ParentalKey relation) are written, so without this the search would learn
of an entry only at the next publication.
"""

from __future__ import annotations

from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published


def blog_published(instance, **kwargs) -> None:
    meta = instance._meta
    insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(instance.pk))


def connect() -> None:
    from masthead.liveblogs.models import LiveBlogPage

    page_published.connect(blog_published, sender=LiveBlogPage, dispatch_uid="liveblogs-search")
