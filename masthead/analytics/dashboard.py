"""The editors' dashboard as plain values: the range asked for, and each of its tables.

A table is named (``stories``, ``sources`` …), has columns and rows, and is
drawn the same way on the page and in its CSV file, so the file holds exactly
what the page shows. The figures come from ``report.py``; the few asked here
(a range's conversions added up, one story's month) are grouped queries on the
same rollups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from masthead.analytics import report
from masthead.analytics.models import Conversion, StoryViews

LONGEST_RANGE = 366  # days: a year of rollups is still a few grouped queries
PRESETS = {"today": "Today", "yesterday": "Yesterday", "7": "7 days", "30": "30 days"}
STORY_DAYS = 30  # the story editor's panel


@dataclass(frozen=True)
class Range:
    start: date
    end: date
    preset: str  # one of PRESETS, or "custom"
    error: str = ""

    @property
    def one_day(self) -> bool:
        return self.start == self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        if self.one_day:
            return f"{self.start:%-d %B %Y}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def query(self) -> str:
        return f"from={self.start.isoformat()}&to={self.end.isoformat()}"


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def range_from(params) -> Range:
    """The range a GET asks for; today, with a message saying why, when it cannot be read."""
    today = timezone.localdate()
    preset = params.get("range", "")
    if preset == "yesterday":
        return Range(today - timedelta(days=1), today - timedelta(days=1), preset)
    if preset in ("7", "30"):
        return Range(today - timedelta(days=int(preset) - 1), today, preset)
    asked_from, asked_to = params.get("from", ""), params.get("to", "")
    if preset in ("", "custom") and (asked_from or asked_to):
        start, end = _parse_day(asked_from), _parse_day(asked_to or asked_from)
        error = ""
        if start is None or end is None:
            error = "The dates could not be read: give them as YYYY-MM-DD, for example 2026-03-31."
        elif end < start:
            error = "The range ends before it starts: the “to” date must not be before “from”."
        elif (end - start).days >= LONGEST_RANGE:
            error = f"A range can be at most {LONGEST_RANGE} days long."
        elif start > today:
            error = "The range starts in the future: there are no figures yet."
        if error:
            return Range(today, today, "today", error)
        return Range(start, end, "custom")
    return Range(today, today, "today")


@dataclass
class Table:
    name: str
    title: str
    columns: list[tuple[str, str]]  # (key, heading)
    rows: list[dict] = field(default_factory=list)
    empty: str = "Nothing in this range."
    csv_url: str = ""
    display: list[list[dict]] = field(default_factory=list)  # the cells as the page shows them
    numeric: set[str] = field(default_factory=set)  # the columns of numbers, set right

    @property
    def hidden(self) -> int:
        """Rows left off the page (its CSV file has them)."""
        return max(len(self.rows) - len(self.display), 0)


def money(value: float) -> str:
    return f"£{value:,.2f}"


def conversion_summary(start: date, end: date) -> dict:
    summary = report.conversions_between(start, end).aggregate(
        subscriptions=Count("id", filter=Q(kind="subscription")),
        donations=Count("id", filter=Q(kind="donation")),
        registrations=Count("id", filter=Q(kind="registration")),
        signups=Count("id", filter=Q(kind="signup")),
        revenue=Sum("revenue_pence"),
    )
    summary["revenue"] = report.pounds(summary["revenue"] or 0)
    return summary


def headline(span: Range) -> dict:
    """The figures across the top of the page."""
    funnel = report.wall_funnel(span.start, span.end)
    return {
        **report.totals(span.start, span.end),
        **conversion_summary(span.start, span.end),
        "conversion_rate": funnel["conversion_rate"],
    }


def views_table(span: Range) -> Table:
    if span.one_day:
        rows = [
            {"hour": f"{row['hour']:02d}:00", "pageviews": row["pageviews"]}
            for row in report.per_hour(span.start)
        ]
        return Table(
            "views", "Page views by hour", [("hour", "Hour"), ("pageviews", "Page views")], rows
        )
    return Table(
        "views",
        "Page views and readers by day",
        [("day", "Day"), ("pageviews", "Page views"), ("readers", "Readers")],
        report.per_day(span.start, span.end),
    )


def stories_table(span: Range, limit: int = 20) -> Table:
    rows, extra = report.story_rows(span.start, span.end, limit=limit)
    ids = {info.path: pk for pk, info in extra["info"].items()}
    for row in rows:
        row["page_id"] = ids.get(row["path"])
    return Table(
        "stories",
        "Top stories",
        [
            ("title", "Story"),
            ("section", "Section"),
            ("pageviews", "Page views"),
            ("full", "Read in full"),
            ("wall_stops", "Wall stops"),
            ("subscriptions", "Subscriptions"),
            ("donations", "Donations"),
            ("revenue", "Revenue (£)"),
        ],
        rows,
    )


def sections_table(span: Range) -> Table:
    return Table(
        "sections",
        "Sections",
        [
            ("section", "Section"),
            ("pageviews", "Page views"),
            ("full", "Read in full"),
            ("wall_stops", "Wall stops"),
            ("subscriptions", "Subscriptions"),
            ("revenue", "Revenue (£)"),
        ],
        report.section_rows(span.start, span.end),
    )


def sources_table(span: Range) -> Table:
    return Table(
        "sources",
        "Sources",
        [
            ("source", "Source"),
            ("detail", "Detail"),
            ("pageviews", "Page views"),
            ("subscriptions", "Subscriptions"),
            ("donations", "Donations"),
            ("revenue", "Revenue (£)"),
        ],
        report.source_rows(span.start, span.end),
    )


def devices_table(span: Range) -> Table:
    return Table(
        "devices",
        "Devices",
        [("device", "Device"), ("pageviews", "Page views")],
        report._grouped(span.start, span.end, "device"),
    )


def kinds_table(span: Range) -> Table:
    return Table(
        "kinds",
        "Readers by kind",
        [("kind", "Reader"), ("pageviews", "Page views")],
        report._grouped(span.start, span.end, "kind"),
    )


def conversions_table(span: Range) -> Table:
    rows = sorted(
        report.conversion_rows(span.start, span.end),
        key=lambda row: (-row["count"], -row["revenue"], row["kind"]),
    )
    for row in rows:
        row["story"] = row["story"] or "(none)"
    return Table(
        "conversions",
        "Conversions by story and source",
        [
            ("kind", "Conversion"),
            ("story", "Story read last"),
            ("source", "Source"),
            ("count", "Number"),
            ("revenue", "Revenue (£)"),
        ],
        rows,
    )


def funnel_table(span: Range) -> Table:
    funnel = report.wall_funnel(span.start, span.end)
    return Table(
        "funnel",
        "At the wall",
        [("step", "Step"), ("readers", "Number")],
        [
            {"step": "Wall stops", "readers": funnel["wall_stops"]},
            {"step": "Registrations after the wall", "readers": funnel["registrations_after_wall"]},
            {
                "step": f"…of those, subscribed within {report.FUNNEL_DAYS} days",
                "readers": funnel["subscriptions_within_7_days"],
            },
            {"step": "Subscriptions after the wall", "readers": funnel["subscriptions_after_wall"]},
        ],
    )


def newsletters_table(span: Range) -> Table:
    from masthead.newsletters.figures import edition_figures

    rows = [
        {
            "edition": str(figures.edition),
            "sent": figures.sent,
            "clicks": figures.clicks,
            "full_reads": figures.full_reads,
            "subscribed": figures.subscribed_after_click,
        }
        for figures in edition_figures()
    ]
    return Table(
        "newsletters",
        "Newsletters: the latest editions",
        [
            ("edition", "Edition"),
            ("sent", "Sent"),
            ("clicks", "Clicks"),
            ("full_reads", "Full reads from the email"),
            ("subscribed", "Subscribed within 7 days of a click"),
        ],
        rows,
        empty="No edition sent yet.",
    )


def now_table(span: Range | None = None) -> Table:
    now = report.right_now()
    return Table(
        "now",
        f"Read most in the last {now['minutes']} minutes",
        [("title", "Page"), ("path", "Address"), ("pageviews", "Page views")],
        now["pages"],
        empty="Nobody has read a page in the last few minutes.",
    )


TABLES: dict[str, Callable[[Range], Table]] = {
    "views": views_table,
    "stories": stories_table,
    "sections": sections_table,
    "sources": sources_table,
    "devices": devices_table,
    "kinds": kinds_table,
    "conversions": conversions_table,
    "funnel": funnel_table,
    "newsletters": newsletters_table,
    "now": now_table,
}


def story_month(page_id: int) -> dict:
    """One story's last 30 days: its figures, page views per day, and its conversions' sources."""
    end = timezone.localdate()
    start = end - timedelta(days=STORY_DAYS - 1)
    per_day: dict[date, int] = defaultdict(int)
    outcomes: dict[str, int] = defaultdict(int)
    for row in StoryViews.objects.filter(page_id=page_id, day__range=(start, end)):
        per_day[row.day] += row.views
        for outcome in report.STORY_COLUMNS[1:]:
            outcomes[outcome] += getattr(row, outcome)
    since, until = report.day_bounds(start, end)
    conversions = Conversion.objects.filter(story_id=page_id, at__gte=since, at__lt=until)
    summary = conversions.aggregate(
        subscriptions=Count("id", filter=Q(kind="subscription")),
        donations=Count("id", filter=Q(kind="donation")),
        revenue=Sum("revenue_pence"),
    )
    sources = [
        {"source": source or "unknown", "count": number, "revenue": report.pounds(pence or 0)}
        for source, number, pence in conversions.filter(kind__in=["subscription", "donation"])
        .values_list("source")
        .annotate(n=Count("id"), r=Sum("revenue_pence"))
        .order_by("-n", "source")
        .values_list("source", "n", "r")
    ]
    days = [start + timedelta(days=n) for n in range(STORY_DAYS)]
    return {
        "start": start,
        "end": end,
        "pageviews": sum(outcomes.values()),
        "full": sum(outcomes[name] for name in report.FULL),
        "wall_stops": sum(outcomes[name] for name in report.WALLS),
        "subscriptions": summary["subscriptions"],
        "donations": summary["donations"],
        "revenue": report.pounds(summary["revenue"] or 0),
        "days": [day.isoformat() for day in days],
        "per_day": [per_day[day] for day in days],
        "sources": sources,
    }
