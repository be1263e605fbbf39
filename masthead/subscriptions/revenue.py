"""The publisher's figures: subscribers, recurring revenue, churn, the appeal and the wall.

The arithmetic is in plain functions over plain values; the selector gathers
the values in a handful of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from masthead.paywall.periods import current_period
from masthead.subscriptions.entitlements import grants_access


def monthly_value_pence(price_pence: int, interval: str) -> int:
    """What one subscription brings in a month: a yearly price spread over twelve months."""
    return price_pence // 12 if interval == "year" else price_pence


def monthly_recurring_revenue(subscriptions: list[tuple[int, str]]) -> int:
    return sum(monthly_value_pence(price, interval) for price, interval in subscriptions)


@dataclass(frozen=True)
class PlanFigure:
    name: str
    subscribers: int


@dataclass(frozen=True)
class RevenueFigures:
    subscribers_by_plan: list[PlanFigure]
    subscribers: int
    mrr_pence: int
    new_this_month: int
    cancelled_this_month: int
    readers_stopped: int
    stopped_then_subscribed: int
    appeal_name: str | None
    appeal_raised_pence: int
    appeal_target_pence: int
    appeal_supporters: int


def month_start(now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def revenue_figures(now: datetime | None = None) -> RevenueFigures:
    from masthead.appeals.selectors import appeal_progress, running_appeal
    from masthead.paywall.models import WallStop
    from masthead.subscriptions.models import Subscription

    now = now or timezone.now()
    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    rows = list(
        Subscription.objects.select_related("plan").values_list(
            "user_id",
            "status",
            "current_period_end",
            "plan__name",
            "plan__price_pence",
            "plan__interval",
            "plan_name",
            "created_at",
            "updated_at",
            "quantity",  # seats, for a plan sold by the seat
        )
    )
    entitled = [
        row
        for row in rows
        if grants_access(status=row[1], current_period_end=row[2], now=now, grace=grace)
    ]
    by_plan: dict[str, int] = {}
    for row in entitled:
        name = row[3] or row[6] or "Other"
        by_plan[name] = by_plan.get(name, 0) + 1
    start = month_start(now)
    new = sum(1 for row in rows if row[7] >= start)
    cancelled = sum(1 for row in rows if row[1] == "canceled" and row[8] >= start)
    stops = WallStop.objects.filter(period=current_period())
    stopped_users = [
        int(key.split(":", 1)[1])
        for key in stops.filter(reader_key__startswith="user:").values_list("reader_key", flat=True)
    ]
    first_stop = dict(
        (int(k.split(":", 1)[1]), at)
        for k, at in stops.filter(reader_key__startswith="user:").values_list(
            "reader_key", "first_at"
        )
    )
    converted = {row[0] for row in rows if row[0] in first_stop and row[7] >= first_stop[row[0]]}
    appeal = running_appeal(now)
    progress = appeal_progress(appeal) if appeal else None
    return RevenueFigures(
        subscribers_by_plan=[PlanFigure(n, c) for n, c in sorted(by_plan.items())],
        subscribers=len({row[0] for row in entitled}),
        mrr_pence=monthly_recurring_revenue(
            [((row[4] or 0) * row[9], row[5] or "month") for row in entitled]
        ),
        new_this_month=new,
        cancelled_this_month=cancelled,
        readers_stopped=stops.count(),
        stopped_then_subscribed=len(converted & set(stopped_users)),
        appeal_name=appeal.name if appeal else None,
        appeal_raised_pence=progress.raised_pence if progress else 0,
        appeal_target_pence=progress.target_pence if progress else 0,
        appeal_supporters=progress.supporters if progress else 0,
    )
