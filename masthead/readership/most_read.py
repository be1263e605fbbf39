"""Most read: the stories with the most full-text reads over the last two days.

The list is computed from ``DailyReads`` and kept in this process. Pages that
show it (the front) carry the ``most-read`` tag; that tag moves only when the
list's order has actually changed, and at most once every
``min_bump_seconds`` for the whole site (the throttle lives in the default
cache, which is Redis at scale), so the front is not rendered again on every
read. The check runs after each flush of the read counts
(the read counts' ``Tally`` thread, ``readership.counter``), at most every ``refresh_seconds``.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from masthead.core.versions import bump, page_versions
from masthead.readership.counter import options

TAG = "most-read"
PUBLISHED_KEY = "readership:most-read:published"
THROTTLE_KEY = "readership:most-read:bumped"
LIST_LENGTH = 20  # more than any block shows: unpublished stories drop out later

_lock = threading.Lock()
_kept: dict = {}
_checked = {"at": float("-inf")}


def top_article_ids() -> list[int]:
    """Story ids by reads since yesterday began (publication time), most read first."""
    from masthead.readership.models import DailyReads

    since = timezone.localdate() - timedelta(days=options()["window_days"] - 1)
    return list(
        DailyReads.objects.filter(day__gte=since)
        .values("article_id")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-article_id")
        .values_list("article_id", flat=True)[:LIST_LENGTH]
    )


def most_read_ids() -> list[int]:
    """The list as pages show it: read again once the tag moves or the list grows old."""
    stamp = page_versions().stamp((TAG,))
    kept = _kept
    fresh = time.monotonic() - kept.get("at", float("-inf")) < options()["refresh_seconds"]
    if stamp is not None and kept.get("stamp") == stamp and fresh:
        return kept["ids"]
    ids = top_article_ids()
    with _lock:
        _kept.update(stamp=stamp, ids=ids, at=time.monotonic())
    return ids


def refresh_most_read(*, force: bool = False) -> bool:
    """Move the ``most-read`` tag if the order changed; returns whether it moved."""
    now = time.monotonic()
    if not force and now - _checked["at"] < options()["refresh_seconds"]:
        return False
    _checked["at"] = now
    ids = top_article_ids()
    if cache.get(PUBLISHED_KEY) == ids:
        return False
    if not cache.add(THROTTLE_KEY, 1, options()["min_bump_seconds"]):
        return False  # moved a moment ago somewhere: the next check will see the change
    cache.set(PUBLISHED_KEY, ids, None)
    bump(TAG, stale_ok=True)  # the order of a list: a few seconds late is no harm
    return True


def forget_most_read() -> None:
    """For tests."""
    with _lock:
        _kept.clear()
    _checked["at"] = float("-inf")
    cache.delete_many([PUBLISHED_KEY, THROTTLE_KEY])
