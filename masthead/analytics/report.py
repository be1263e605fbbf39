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
    """Each page's address on the site, its title and its section, in two queries."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Site

    from masthead.news.models import ArticlePage, SectionPage

    ids = {page_id for page_id in page_ids if page_id}
    if not ids:
        return {}
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.url_path if site else "/"
    story_types = {  # a live blog is a story too
        kind.pk
        for kind in ContentType.objects.get_for_models(
            *(model for model in apps.get_models() if issubclass(model, ArticlePage))
        ).values()
    }
    sections = {path: title for path, title in SectionPage.objects.values_list("path", "title")}
    found = {}
    for pk, title, url_path, path, kind in Page.objects.filter(pk__in=ids).values_list(
        "pk", "title", "url_path", "path", "content_type_id"
    ):
        story = kind in story_types
        address = "/" + url_path[len(root) :] if url_path.startswith(root) else url_path
        section = sections.get(path[: -Page.steplen] if story else path, "")
        found[pk] = PageInfo(path=address, title=title, section=section, story=story)
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


def hourly_groups(start: date, end: date) -> list[tuple[str, str, str, int]]:
    """``(kind, outcome, device, views)`` for the range: one scan of the hours, crawlers too."""
    return list(
        _views_in(start, end)
        .values_list("kind", "outcome", "device")
        .annotate(n=Sum("views"))
        .values_list("kind", "outcome", "device", "n")
    )


FIELDS = {"kind": 0, "outcome": 1, "device": 2}


def _grouped(start: date, end: date, field: str, groups=None) -> list[dict]:
    """Readers' page views by ``kind``, ``outcome`` or ``device``, most first."""
    counts: dict[str, int] = defaultdict(int)
    for group in groups if groups is not None else hourly_groups(start, end):
        if group[0] != "crawler":
            counts[group[FIELDS[field]]] += group[3]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{field: name, "pageviews": views} for name, views in ranked]


def conversions_between(start: date, end: date):
    since, until = day_bounds(start, end)
    return Conversion.objects.filter(at__gte=since, at__lt=until)


STORY_COLUMNS = ("views", "full", "teaser", "wall", "gift", "institution", "unlock")


def story_counts(start: date, end: date) -> dict[int, dict[str, int]]:
    """Each page's views in the range, by outcome: one scan of a row per page and day."""
    rows = (
        StoryViews.objects.filter(day__range=(start, end))
        .values_list("page_id")
        .annotate(*(Sum(column) for column in STORY_COLUMNS))
    )
    return {row[0]: dict(zip(STORY_COLUMNS, row[1:], strict=True)) for row in rows}


def story_rows(
    start: date, end: date, limit: int | None = None, counts: dict | None = None
) -> tuple[list[dict], dict]:
    """Every story read in the range, most read first, with what it converted."""
    counts = story_counts(start, end) if counts is None else counts
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
    nothing = dict.fromkeys(STORY_COLUMNS, 0)
    ranked = sorted(
        set(counts) | set(converted), key=lambda pk: (-counts.get(pk, nothing)["views"], pk)
    )
    # The fronts are among the most read: a few more than asked for, to leave them out.
    info = page_info(ranked if limit is None else ranked[: limit + 50])
    rows = []
    for pk in ranked:
        page = info.get(pk)
        if page is None or not page.story:
            continue
        seen = counts.get(pk, nothing)
        rows.append(
            {
                "path": page.path,
                "title": page.title,
                "section": page.section,
                "pageviews": seen["views"],
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


def section_rows(start: date, end: date, stories: list[dict] | None = None) -> list[dict]:
    """Stories' figures added up by their section (``stories``: every story's rows, if known)."""
    if stories is None:
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


def conversion_rows(start: date, end: date, info: dict | None = None) -> list[dict]:
    """Conversions by kind, story and source; ``info``: pages already looked up."""
    grouped = (
        conversions_between(start, end)
        .values_list("kind", "story_id", "source")
        .annotate(n=Count("id"), r=Sum("revenue_pence"))
        .values_list("kind", "story_id", "source", "n", "r")
    )
    grouped = list(grouped)
    known = info or {}
    info = {**known, **page_info(pk for _, pk, *_ in grouped if pk not in known)}
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


def wall_funnel(start: date, end: date, counts: dict | None = None) -> dict:
    """Wall stops, the registrations after a wall, and those that subscribed within 7 days."""
    counts = story_counts(start, end) if counts is None else counts
    stops = sum(seen[name] for seen in counts.values() for name in WALLS)
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


def newsletter_funnel(start: date, end: date, sources: list[dict]) -> dict:
    """From a newsletter's link to a read in full to a subscription (``sources``: the rows)."""
    letters = [row for row in sources if row["source"] == "newsletter"]
    return {
        "clicks": sum(row["pageviews"] for row in letters),
        "read_in_full": sum(row["full"] for row in letters),
        "subscriptions": sum(row["subscriptions"] for row in letters),
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


def totals(start: date, end: date, groups=None) -> dict:
    groups = hourly_groups(start, end) if groups is None else groups
    readers_only = [group for group in groups if group[0] != "crawler"]
    return {
        "pageviews": sum(group[3] for group in readers_only),
        "crawler_pageviews": sum(group[3] for group in groups if group[0] == "crawler"),
        "readers": readers_between(start, end),
        "wall_stops": sum(group[3] for group in readers_only if group[1] in WALLS),
    }


def report(start: date, end: date, *, limit: int | None = None) -> dict:
    """The machine report (schema in docs/analytics.md)."""
    if end < start:
        raise ValueError("The range ends before it starts.")
    counts = story_counts(start, end)
    stories, looked_up = story_rows(start, end, limit=limit, counts=counts)
    groups = hourly_groups(start, end)
    sources = source_rows(start, end)
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
        **totals(start, end, groups),
        "subscriptions": summary["subscriptions"],
        "donations": summary["donations"],
        "registrations": summary["registrations"],
        "signups": summary["signups"],
        "revenue": pounds(summary["revenue"] or 0),
        "stories": stories,
        "sources": sources,
        "conversions": conversion_rows(start, end, looked_up["info"]),
        "outcomes": _grouped(start, end, "outcome", groups),
        "devices": _grouped(start, end, "device", groups),
        "kinds": _grouped(start, end, "kind", groups),
        "wall_funnel": wall_funnel(start, end, counts),
        "newsletter_funnel": newsletter_funnel(start, end, sources),
        "days": per_day(start, end),
    }
