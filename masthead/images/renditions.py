"""The renditions readers' pages use, made when an image is uploaded or a story published.

A page a reader asks for must not wait while Pillow resizes a picture: every
size the templates ask for is made here, ahead of time, in one call per image
(``get_renditions`` makes the missing ones and finds the others in one query).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

log = logging.getLogger(__name__)

# Every filter spec a reader's page uses: the article's hero (srcset and the
# share image), cards on fronts and in similar stories, and body images.
HERO_SPECS = ("fill-480x270", "fill-800x450", "fill-1200x675", "fill-1200x630", "fill-960x540")
BODY_SPECS = ("width-800",)


def make_reader_renditions(image, specs=HERO_SPECS + BODY_SPECS) -> None:
    """Make the missing ones; the database, not a cache, says which exist."""
    from wagtail.images.models import Filter

    if image is None:
        return
    made = set(image.renditions.filter(filter_spec__in=specs).values_list("filter_spec", flat=True))
    missing = [Filter(spec) for spec in specs if spec not in made]
    if not missing:
        return
    try:
        image.create_renditions(*missing)
    except Exception as error:  # noqa: BLE001 - a missing or broken file must not stop a publish
        log.warning("Renditions of image %s not made: %s", image.pk, error)


def article_images(article) -> list:
    images = [article.hero_image] if article.hero_image_id else []
    images += [block.value["image"] for block in article.body if block.block_type == "image"]
    return [image for image in images if image is not None]


def make_renditions_for(image_ids: list[int]) -> None:
    from masthead.images.models import MastheadImage

    for image in MastheadImage.objects.filter(pk__in=image_ids):
        make_reader_renditions(image)


def on_image_saved(instance, created=False, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= {"file_size", "file_hash"}:
        return
    _enqueue([instance.pk])


def on_article_published(instance, **kwargs) -> None:
    _enqueue([image.pk for image in article_images(instance)])


# Set while an import adds thousands of images: their renditions are queued once, at the end.
_deferred: ContextVar[list[int] | None] = ContextVar("renditions_deferred", default=None)


@contextmanager
def renditions_deferred() -> Iterator[None]:
    """Save images in bulk; their renditions are queued in chunks when the block ends."""
    from django.db import transaction

    from masthead.images.tasks import make_renditions_task

    ids: list[int] = []
    token = _deferred.set(ids)
    try:
        yield
    finally:
        _deferred.reset(token)
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), 100):
        chunk = unique[start : start + 100]
        transaction.on_commit(lambda chunk=chunk: make_renditions_task.enqueue(chunk))


def _enqueue(image_ids: list[int]) -> None:
    """Once committed, in the background queue's worker."""
    from django.db import transaction

    deferred = _deferred.get()
    if deferred is not None:
        deferred.extend(image_ids)
        return

    from masthead.images.tasks import make_renditions_task

    if image_ids:
        transaction.on_commit(lambda: make_renditions_task.enqueue(image_ids))
