"""Scheduled publishing: when a story may go live, and the tick that makes it so.

An embargo is a promise to a source: the story does not go live before
``embargo_until``, whoever presses "Publish". Wagtail schedules a revision
whose go-live time is in the future instead of publishing it, so the embargo
only has to push that time back (``embargoed_go_live_at``, applied as a
revision becomes a page, see ``ArticlePage.with_content_json``).

``publish_due`` is one tick of the scheduler (``masthead scheduler``): it runs
Wagtail's ``publish_scheduled`` and says which stories went live.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime

from django.core.management import call_command
from django.utils import timezone

logger = logging.getLogger(__name__)


def embargoed_go_live_at(
    go_live_at: datetime | None, embargo_until: datetime | None, *, now: datetime | None = None
) -> datetime | None:
    """The go-live time, held back to the embargo while the embargo is still ahead."""
    now = now or timezone.now()
    if embargo_until is None or embargo_until <= now:
        return go_live_at
    return max(go_live_at or embargo_until, embargo_until)


def publish_due() -> list[str]:
    """Publish (and expire) what is due now; the titles of the pages that went live."""
    from wagtail.models import Page, Revision

    due = list(
        Revision.page_revisions.filter(approved_go_live_at__lt=timezone.now()).values_list(
            "object_id", flat=True
        )
    )
    call_command("publish_scheduled", stdout=io.StringIO())
    went_live = list(
        Page.objects.filter(pk__in=[int(pk) for pk in due], live=True)
        .order_by("path")
        .values_list("title", flat=True)
    )
    for title in went_live:
        logger.info("Published on schedule: %s", title)
    return went_live
