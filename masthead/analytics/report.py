"""The figures for a range of days, as plain values: the CLI's JSON and CSV, and the dashboard.

Every figure comes from the rollups (``models.py``), so a month of a busy
paper is a few grouped queries. Days are the paper's (its time zone); the
range includes both ends. Counts reach the database every ``flush_seconds``:
a report may miss the last 30 seconds of reading, and says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from masthead.analytics.models import (
    Conversion,
    DailyReaders,
    HourlyViews,
    MinuteViews,
    ReaderDay,
    SourceViews,
    StoryViews,
)

CURRENCY = "GBP"
WALLS = ("teaser", "wall")
FULL = ("full", "gift", "institution", "unlock")
FUNNEL_DAYS = 7


def pounds(pence: int) -> float:
    return float(Decimal(pence) / 100)


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The range as moments: from the paper's midnight of ``start`` to the one after ``end``."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def missing_seconds() -> int:
    return int(settings.MASTHEAD_READERSHIP["flush_seconds"])


@dataclass(frozen=True)
class PageInfo:
    path: str
    title: str
    section: str
    story: bool


def page_info(page_ids) -> dict[int, PageInfo]:
    """Each page's address on the site, its title and its section, in three queries."""
    from wagtail.models import Page, Site

    from masthead.news.models import ArticlePage, SectionPage

    ids = {page_id for page_id in page_ids if page_id}
    if not ids:
        return {}
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.url_path if site else "/"
    stories = set(ArticlePage.objects.filter(pk__in=ids).values_list("pk", flat=True))
    sections = {path: title for path, title in SectionPage.objects.values_list("path", "title")}
    found = {}
    for pk, title, url_path, path in Page.objects.filter(pk__in=ids).values_list(
        "pk", "title", "url_path", "path"
    ):
        address = "/" + url_path[len(root) :] if url_path.startswith(root) else url_path
        section = (
            sections.get(path[: -Page.steplen], "") if pk in stories else sections.get(path, "")
        )
        found[pk] = PageInfo(path=address, title=title, section=section, story=pk in stories)
    return found


def _views_in(start: date, end: date):
    since, until = day_bounds(start, end)
    return HourlyViews.objects.filter(hour__gte=since, hour__lt=until)


def readers_between(start: date, end: date) -> int:
    """Unique readers of each day, added up (a reader of two days counts twice)."""
    closed = DailyReaders.objects.filter(day__range=(start, end)).aggregate(n=Sum("readers"))["n"]
    still_open = ReaderDay.objects.filter(day__range=(start, end)).count()
    return (closed or 0) + still_open


def per_day(start: date, end: date) -> list[dict]:
    """Page views and readers for each day of the range, for the chart."""
    zone = timezone.get_current_timezone()
    views: dict[date, int] = defaultdict(int)
    for hour, count in (
        _views_in(start, end)
        .exclude(kind="crawler")
        .values_list("hour")
        .annotate(n=Sum("views"))
        .values_list("hour", "n")
    ):
        views[hour.astimezone(zone).date()] += count
    readers = dict(
        DailyReaders.objects.filter(day__range=(start, end)).values_list("day", "readers")
    )
    for day, count in (
        ReaderDay.objects.filter(day__range=(start, end))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    ):
        readers[day] = readers.get(day, 0) + count
    days = []
    day = start
    while day <= end:
        days.append(
            {"day": day.isoformat(), "pageviews": views[day], "readers": readers.get(day, 0)}
        )
        day += timedelta(days=1)
    return days


def per_hour(day: date) -> list[dict]:
    """Page views in each hour of one day (the paper's hours)."""
    zone = timezone.get_current_timezone()
    counts: dict[int, int] = defaultdict(int)
    for hour, count in (
        _views_in(day, day)
        .exclude(kind="crawler")
        .values_list("hour")
        .annotate(n=Sum("views"))
        .values_list("hour", "n")
    ):
        counts[hour.astimezone(zone).hour] += count
    return [{"hour": hour, "pageviews": counts[hour]} for hour in range(24)]


def _grouped(start: date, end: date, field: str) -> list[dict]:
    rows = (
        _views_in(start, end)
        .exclude(kind="crawler")
        .values(field)
        .annotate(pageviews=Sum("views"))
        .order_by("-pageviews", field)
    )
    return [{field: row[field], "pageviews": row["pageviews"]} for row in rows]


def conversions_between(start: date, end: date):
    since, until = day_bounds(start, end)
    return Conversion.objects.filter(at__gte=since, at__lt=until)


def story_rows(start: date, end: date, limit: int | None = None) -> tuple[list[dict], dict]:
    """Every page read in the range, most read first, with what it converted."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for page_id, outcome, views in (
        StoryViews.objects.filter(day__range=(start, end))
        .values_list("page_id", "outcome")
        .annotate(n=Sum("views"))
        .values_list("page_id", "outcome", "n")
    ):
        counts[page_id][outcome] += views
    converted: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for story_id, kind, number, revenue in (
        conversions_between(start, end)
        .exclude(story=None)
        .values_list("story_id", "kind")
        .annotate(n=Count("id"), revenue=Sum("revenue_pence"))
        .values_list("story_id", "kind", "n", "revenue")
    ):
        converted[story_id][kind] += number
        converted[story_id]["revenue"] += revenue or 0
    ranked = sorted(set(counts) | set(converted), key=lambda pk: (-sum(counts[pk].values()), pk))
    info = page_info(ranked if limit is None else ranked[: limit * 2])
    rows = []
    for pk in ranked:
        page = info.get(pk)
        if page is None or not page.story:
            continue
        seen = counts[pk]
        rows.append(
            {
                "path": page.path,
                "title": page.title,
                "section": page.section,
                "pageviews": sum(seen.values()),
                "full": sum(seen[name] for name in FULL),
                "teaser": seen["teaser"],
                "wall_stops": sum(seen[name] for name in WALLS),
                "subscriptions": converted[pk]["subscription"],
                "donations": converted[pk]["donation"],
                "revenue": pounds(converted[pk]["revenue"]),
            }
        )
        if limit is not None and len(rows) >= limit:
            break
    return rows, {"counts": counts, "info": info}


def section_rows(start: date, end: date) -> list[dict]:
    """Stories' figures added up by their section."""
    stories, _ = story_rows(start, end)
    sections: dict[str, dict] = {}
    for story in stories:
        name = story["section"] or "(no section)"
        row = sections.setdefault(
            name,
            {
                "section": name,
                "pageviews": 0,
                "full": 0,
                "wall_stops": 0,
                "subscriptions": 0,
                "revenue": 0.0,
            },
        )
        for field in ("pageviews", "full", "wall_stops", "subscriptions", "revenue"):
            row[field] += story[field]
    return sorted(sections.values(), key=lambda row: (-row["pageviews"], row["section"]))


def _edition_names(details) -> dict[str, str]:
    from masthead.newsletters.models import Edition

    ids = [int(detail) for detail in details if detail.isdigit()]
    return {
        str(pk): f"{name}, {day:%d %b %Y}"
        for pk, name, day in Edition.objects.filter(pk__in=ids).values_list(
            "pk", "newsletter__name", "date"
        )
    }


def source_rows(start: date, end: date) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for source, detail, views, full in (
        SourceViews.objects.filter(day__range=(start, end))
        .values_list("source", "detail")
        .annotate(n=Sum("views"), f=Sum("full"))
        .values_list("source", "detail", "n", "f")
    ):
        rows[(source, detail)] = {
            "source": source,
            "detail": detail,
            "pageviews": views,
            "full": full,
            "subscriptions": 0,
            "donations": 0,
            "revenue": 0.0,
        }
    for source, detail, kind, number, revenue in (
        conversions_between(start, end)
        .filter(kind__in=["subscription", "donation"])
        .values_list("source", "detail", "kind")
        .annotate(n=Count("id"), r=Sum("revenue_pence"))
        .values_list("source", "detail", "kind", "n", "r")
    ):
        row = rows.setdefault(
            (source or "unknown", detail),
            {
                "source": source or "unknown",
                "detail": detail,
                "pageviews": 0,
                "full": 0,
                "subscriptions": 0,
                "donations": 0,
                "revenue": 0.0,
            },
        )
        row[f"{kind}s"] += number
        row["revenue"] += pounds(revenue or 0)
    editions = _edition_names(detail for source, detail in rows if source == "newsletter")
    for (source, detail), row in rows.items():
        if source == "newsletter" and detail in editions:
            row["detail"] = editions[detail]
    return sorted(rows.values(), key=lambda row: (-row["pageviews"], row["source"], row["detail"]))


def conversion_rows(start: date, end: date) -> list[dict]:
    grouped = (
        conversions_between(start, end)
        .values_list("kind", "story_id", "source")
        .annotate(n=Count("id"), r=Sum("revenue_pence"))
        .values_list("kind", "story_id", "source", "n", "r")
    )
    grouped = list(grouped)
    info = page_info(story_id for _, story_id, *_ in grouped)
    rows = [
        {
            "kind": kind,
            "story": info[story_id].path if story_id in info else None,
            "source": source or "unknown",
            "count": number,
            "revenue": pounds(revenue or 0),
        }
        for kind, story_id, source, number, revenue in grouped
    ]
    return sorted(rows, key=lambda row: (row["kind"], -row["count"], row["story"] or ""))


def wall_funnel(start: date, end: date) -> dict:
    """Wall stops, the registrations after a wall, and those that subscribed within 7 days."""
    stops = (
        StoryViews.objects.filter(day__range=(start, end), outcome__in=WALLS).aggregate(
            n=Sum("views")
        )["n"]
        or 0
    )
    conversions = conversions_between(start, end)
    registrations = list(
        conversions.filter(kind="registration", after_wall=True)
        .exclude(user=None)
        .values_list("user_id", "at")
    )
    subscribed = 0
    if registrations:
        users = {user for user, _ in registrations}
        starts = defaultdict(list)
        for user, at in Conversion.objects.filter(
            kind="subscription", user_id__in=users
        ).values_list("user_id", "at"):
            starts[user].append(at)
        subscribed = sum(
            any(at <= begun <= at + timedelta(days=FUNNEL_DAYS) for begun in starts[user])
            for user, at in registrations
        )
    at_wall = conversions.filter(after_wall=True, kind__in=["subscription", "registration"])
    paid_at_wall = at_wall.filter(kind="subscription").count()
    return {
        "wall_stops": stops,
        "registrations_after_wall": len(registrations),
        "subscriptions_within_7_days": subscribed,
        "subscriptions_after_wall": paid_at_wall,
        "conversion_rate": round((len(registrations) + paid_at_wall) / stops, 4) if stops else 0.0,
    }


def right_now(minutes: int = 5, limit: int = 10) -> dict:
    """The last few minutes: page views and the pages read most."""
    since = timezone.now() - timedelta(minutes=minutes)
    rows = list(
        MinuteViews.objects.filter(minute__gte=since)
        .values_list("page_id")
        .annotate(n=Sum("views"))
        .order_by("-n")
        .values_list("page_id", "n")
    )
    info = page_info(pk for pk, _ in rows[:limit])
    return {
        "minutes": minutes,
        "pageviews": sum(n for _, n in rows),
        "pages": [
            {"path": info[pk].path, "title": info[pk].title, "pageviews": n}
            for pk, n in rows[:limit]
            if pk in info
        ],
    }


def totals(start: date, end: date) -> dict:
    views = _views_in(start, end)
    return {
        "pageviews": views.exclude(kind="crawler").aggregate(n=Sum("views"))["n"] or 0,
        "crawler_pageviews": views.filter(kind="crawler").aggregate(n=Sum("views"))["n"] or 0,
        "readers": readers_between(start, end),
        "wall_stops": views.filter(outcome__in=WALLS)
        .exclude(kind="crawler")
        .aggregate(n=Sum("views"))["n"]
        or 0,
    }


def report(start: date, end: date, *, limit: int | None = None) -> dict:
    """The machine report (schema in docs/analytics.md)."""
    if end < start:
        raise ValueError("The range ends before it starts.")
    stories, _ = story_rows(start, end, limit=limit)
    outcomes = _grouped(start, end, "outcome")
    conversions = conversions_between(start, end)
    summary = conversions.aggregate(
        subscriptions=Count("id", filter=Q(kind="subscription")),
        donations=Count("id", filter=Q(kind="donation")),
        registrations=Count("id", filter=Q(kind="registration")),
        signups=Count("id", filter=Q(kind="signup")),
        revenue=Sum("revenue_pence"),
    )
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "generated_at": timezone.now().astimezone(UTC).isoformat(timespec="seconds"),
        "complete_until": (timezone.now() - timedelta(seconds=missing_seconds()))
        .astimezone(UTC)
        .isoformat(timespec="seconds"),
        "note": (
            f"Counts reach the database every {missing_seconds()} seconds: "
            f"the last {missing_seconds()} seconds of reading may be missing."
        ),
        "currency": CURRENCY,
        **totals(start, end),
        "subscriptions": summary["subscriptions"],
        "donations": summary["donations"],
        "registrations": summary["registrations"],
        "signups": summary["signups"],
        "revenue": pounds(summary["revenue"] or 0),
        "stories": stories,
        "sources": source_rows(start, end),
        "conversions": conversion_rows(start, end),
        "outcomes": outcomes,
        "devices": _grouped(start, end, "device"),
        "kinds": _grouped(start, end, "kind"),
        "wall_funnel": wall_funnel(start, end),
        "days": per_day(start, end),
    }
