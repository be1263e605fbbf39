"""Writing the buffered counts: one upsert per row of each rollup, then the day's housekeeping.

Several servers write the same rows: every write adds to what is there
(``INSERT … ON CONFLICT DO UPDATE``), so every server's counts add up.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from masthead.analytics.counting import analytics_options, local_day
from masthead.analytics.models import (
    DailyReaders,
    HourlyViews,
    MinuteViews,
    ReaderDay,
    SourceViews,
    StoryViews,
)
from masthead.core.many_rows import insert_rows

FULL = frozenset({"full", "gift", "institution", "unlock"})
# StoryViews' columns, one per outcome ("page", a front's, has none but the views).
OUTCOME_COLUMNS = ("full", "teaser", "wall", "gift", "institution", "unlock")
MINUTES_KEPT = timedelta(days=1)


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def upsert_adding(model, keys: tuple[str, ...], added: tuple[str, ...], rows) -> int:
    """Insert ``rows`` (keys then added values), adding to the row already there."""
    rows = list(rows)
    if not rows:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    quote = connection.ops.quote_name  # "full" is a word of SQL's own
    column = {name: quote(model._meta.get_field(name).column) for name in (*keys, *added)}
    updates = ", ".join(
        f"{column[name]} = {table}.{column[name]} + excluded.{column[name]}" for name in added
    )
    insert_rows(
        model,
        (*keys, *added),
        rows,
        f"ON CONFLICT ({', '.join(column[name] for name in keys)}) DO UPDATE SET {updates}",
    )
    return len(rows)


def write_views(batch: dict[tuple, int]) -> int:
    ops = connection.ops
    hourly: Counter = Counter()
    stories: dict[tuple, list[int]] = {}
    sources: Counter = Counter()
    sources_full: Counter = Counter()
    minutes: Counter = Counter()
    for (minute, page_id, kind, outcome, source, detail, device), count in batch.items():
        hourly[(minute // 60, kind, outcome, source, device)] += count
        if kind == "crawler":
            continue
        day = local_day(minute)
        counts = stories.setdefault((day, page_id), [0] * (1 + len(OUTCOME_COLUMNS)))
        counts[0] += count
        if outcome in OUTCOME_COLUMNS:
            counts[1 + OUTCOME_COLUMNS.index(outcome)] += count
        sources[(day, source, detail)] += count
        if outcome in FULL:
            sources_full[(day, source, detail)] += count
        minutes[(minute, page_id)] += count
    moment = ops.adapt_datetimefield_value
    on_day = ops.adapt_datefield_value
    with transaction.atomic():
        written = upsert_adding(
            HourlyViews,
            ("hour", "kind", "outcome", "source", "device"),
            ("views",),
            sorted(
                (moment(_moment(hour * 3600)), kind, outcome, source, device, count)
                for (hour, kind, outcome, source, device), count in hourly.items()
            ),
        )
        written += upsert_adding(
            StoryViews,
            ("day", "page"),
            ("views", *OUTCOME_COLUMNS),
            sorted((on_day(d), page, *counts) for (d, page), counts in stories.items()),
        )
        written += upsert_adding(
            SourceViews,
            ("day", "source", "detail"),
            ("views", "full"),
            sorted(
                (on_day(d), source, detail, n, sources_full[(d, source, detail)])
                for (d, source, detail), n in sources.items()
            ),
        )
        written += upsert_adding(
            MinuteViews,
            ("minute", "page"),
            ("views",),
            sorted((moment(_moment(m * 60)), page, n) for (m, page), n in minutes.items()),
        )
    return written


MARK_COLUMNS = ("day", "digest", "story_id", "source", "detail", "walled")


def write_marks(batch: dict[tuple[date, str], tuple]) -> int:
    """Each reader's day: the last story wins; a visit's source stays until another comes."""
    table = connection.ops.quote_name(ReaderDay._meta.db_table)
    q = {name: connection.ops.quote_name(name) for name in MARK_COLUMNS}
    tail = (
        f"ON CONFLICT ({q['day']}, {q['digest']}) DO UPDATE SET "
        f"{q['story_id']} = COALESCE(excluded.{q['story_id']}, {table}.{q['story_id']}), "
        f"{q['source']} = CASE WHEN excluded.{q['source']} = '' THEN {table}.{q['source']} "
        f"ELSE excluded.{q['source']} END, "
        f"{q['detail']} = CASE WHEN excluded.{q['source']} = '' THEN {table}.{q['detail']} "
        f"ELSE excluded.{q['detail']} END, "
        f"{q['walled']} = ({table}.{q['walled']} OR excluded.{q['walled']})"
    )
    on_day = connection.ops.adapt_datefield_value
    rows = [
        (on_day(day), digest, story, source, detail, bool(walled))
        for (day, digest), (story, source, detail, walled) in batch.items()
    ]
    with transaction.atomic():
        insert_rows(ReaderDay, MARK_COLUMNS, rows, tail)
    return len(rows)


def write_strangers(batch: dict[date, int]) -> int:
    """Readers with no cookie, added to their day's readers as they come."""
    on_day = connection.ops.adapt_datefield_value
    return upsert_adding(
        DailyReaders, ("day",), ("readers",), [(on_day(day), n) for day, n in batch.items()]
    )


_last_housekeeping = 0.0


def housekeeping(*, force: bool = False) -> None:
    """Close the days that are over, forget the minutes and what is past the retention.

    A day's reader marks are counted into ``DailyReaders`` and deleted together,
    a minute after the day ends (so every server's last marks are in). Runs at
    most every five minutes per process unless forced.
    """
    global _last_housekeeping
    now = time.time()
    if not force and now - _last_housekeeping < 300:
        return
    _last_housekeeping = now
    closed_before = local_day(int(now - 60) // 60)
    for day in (
        ReaderDay.objects.filter(day__lt=closed_before)
        .values_list("day", flat=True)
        .distinct()
        .order_by("day")
    ):
        close_day(day)
    MinuteViews.objects.filter(minute__lt=timezone.now() - MINUTES_KEPT).delete()
    keep_days = analytics_options()["retention_days"]
    if keep_days:
        oldest = timezone.localdate() - timedelta(days=keep_days)
        HourlyViews.objects.filter(
            hour__lt=datetime.combine(oldest, datetime.min.time(), tzinfo=UTC)
        ).delete()
        for model in (StoryViews, SourceViews, DailyReaders):
            model.objects.filter(day__lt=oldest).delete()


def close_day(day: date) -> int:
    """Count ``day``'s readers into ``DailyReaders`` and delete their marks, in one go."""
    with transaction.atomic():
        deleted, _ = ReaderDay.objects.filter(day=day).delete()
        if deleted:
            on_day = connection.ops.adapt_datefield_value(day)
            upsert_adding(DailyReaders, ("day",), ("readers",), [(on_day, deleted)])
    return deleted
