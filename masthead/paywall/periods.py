"""Metering periods: calendar months in the publication's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def period_of(moment: datetime, tz_name: str | None = None) -> str:
    """The month a moment falls in, in the publication's time zone, as ``YYYY-MM``."""
    local = moment.astimezone(ZoneInfo(tz_name or settings.TIME_ZONE))
    return f"{local.year:04d}-{local.month:02d}"


def current_period() -> str:
    return period_of(timezone.now())


def period_end(period: str, tz_name: str | None = None) -> datetime:
    """The first instant of the following month, in the publication's time zone."""
    year, month = (int(part) for part in period.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime(year, month, 1, tzinfo=ZoneInfo(tz_name or settings.TIME_ZONE))
