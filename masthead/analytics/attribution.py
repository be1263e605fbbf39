"""Which story and which visit led to a conversion: read from the reader's marks for today.

A conversion is credited to the story the reader read last before the ask or
the wall that led to it, and to the source of that visit (a search engine, a
newsletter edition …): both are on the reader's day mark (``ReaderDay``),
found by the same salted digest the counting wrote it under. The reader is
known by the request that converts (their account and their browser's meter
cookie) or, for a payment confirmed later by the provider, by their account.
Marks live for their day only, so a conversion is credited to what was read
today (or yesterday, until that day is closed).
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.analytics import counting
from masthead.analytics.models import Conversion, ReaderDay

current_request: contextvars.ContextVar = contextvars.ContextVar("analytics_request", default=None)


@dataclass(frozen=True)
class Attribution:
    story_id: int | None = None
    source: str = ""
    detail: str = ""
    walled: bool = False


def identities_for(user_id: int | None, request=None) -> list[str]:
    """The reader's meter identities, their account's first."""
    found = []
    if user_id is not None:
        found.append(f"user:{user_id}")
    if request is not None:
        browser = counting.browser_identity(request)
        if browser:
            found.append(browser)
    return found


def _days(now: datetime) -> list[date]:
    today = timezone.localdate(now)
    return [today, today - timedelta(days=1)]


def attribution_for(identities: list[str], now: datetime | None = None) -> Attribution:
    """What the reader's marks say: today's first, then yesterday's; the account's first."""
    if not identities:
        return Attribution()
    counting.marks.flush()  # this process's latest reading first
    now = now or timezone.now()
    wanted = [
        (day, counting.reader_digest(identity, day))
        for day in _days(now)
        for identity in identities
    ]
    rows = {
        (row.day, row.digest): row
        for row in ReaderDay.objects.filter(
            day__in={day for day, _ in wanted}, digest__in={digest for _, digest in wanted}
        )
    }
    found = [rows[key] for key in wanted if key in rows]
    story = next((row.story_id for row in found if row.story_id), None)
    visit = next((row for row in found if row.source), None)
    return Attribution(
        story_id=story,
        source=visit.source if visit else "",
        detail=visit.detail if visit else "",
        walled=any(row.walled for row in found),
    )


def carry_to_account(user_id: int, request) -> None:
    """A reader logs in or registers: their browser's reading today becomes their account's."""
    browser = counting.browser_identity(request)
    if not browser:
        return
    found = attribution_for([browser])
    if found == Attribution():
        return
    day = timezone.localdate()
    digest = counting.reader_digest(f"user:{user_id}", day)
    counting.marks.note(day, digest, found.story_id, found.source, found.detail, found.walled)
    counting.marks.flush()


def record_conversion(
    *,
    kind: str,
    reference: str,
    user_id: int | None,
    revenue_pence: int = 0,
    at: datetime | None = None,
    request=None,
) -> Conversion | None:
    """One conversion, credited from the reader's marks; the same ``reference`` twice is one."""
    if Conversion.objects.filter(reference=reference).exists():
        return None
    request = request if request is not None else current_request.get()
    at = at or timezone.now()
    found = attribution_for(identities_for(user_id, request), at)
    try:
        with transaction.atomic():
            return Conversion.objects.create(
                kind=kind,
                reference=reference,
                at=at,
                user_id=user_id,
                story_id=found.story_id,
                source=found.source,
                detail=found.detail,
                after_wall=found.walled,
                revenue_pence=max(0, int(revenue_pence)),
            )
    except IntegrityError:  # recorded a moment ago by a parallel confirmation
        return None
