"""Thirty days of reading for the demo paper, so the dashboard has something to show at once.

A small national daily: a few thousand pages a day, quieter at weekends,
with a morning and an evening peak in the paper's own hours. Each story is
read only once it is out, new ones most, a few far more than the rest. Most
readers are given the story in full; some meet the registration wall or the
subscription offer. The rows are written straight into the rollups, as the
counting would have written them (``writing.py``), with a fixed seed: every
demo shows the same figures for the same moment of loading.

The demo's own donations and its subscriber's subscription were recorded as
conversions when they were made, with nothing read before them; here they
are credited to a story and a source like the others.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from masthead.analytics.models import (
    Conversion,
    DailyReaders,
    HourlyViews,
    MinuteViews,
    SourceViews,
    StoryViews,
)
from masthead.analytics.writing import FULL, OUTCOME_COLUMNS

SEED = "masthead-demo-analytics"
DAYS = 30
WEEKDAY_VIEWS = 3600  # a Monday's page views; other days follow WEEK
WEEK = (1.0, 0.97, 0.95, 0.93, 0.88, 0.66, 0.62)  # Monday first
# The paper's hours, midnight first: breakfast and the commute, lunch, the evening.
HOURS = (0.8, 0.4, 0.25, 0.2, 0.25, 0.6, 2.0, 4.8, 6.5, 5.6, 4.4, 4.0) + (
    4.3,
    4.6,
    3.8,
    3.5,
    3.6,
    4.2,
    5.0,
    5.8,
    6.2,
    5.6,
    3.8,
    2.0,
)
FRONTS_SHARE = 0.3  # the front page and the section fronts
# Stories are read as much as a full week's paper is out: fewer while the demo's is thin.
A_WEEKS_STORIES = 6
CRAWLER_SHARE = 0.07
READERS_SHARE = (0.35, 0.45)  # unique readers of a day, as a share of its page views

KINDS = {"anonymous": 68, "registered": 19, "subscriber": 13}
DEVICES = {"phone": 55, "tablet": 10, "desktop": 35}
SOURCES = {
    "direct": 30,
    "search": 24,
    "social": 13,
    "newsletter": 7,
    "internal": 22,
    "other": 3,
    "gift": 1,
}
DETAILS = {
    "search": {"google.com": 82, "bing.com": 11, "duckduckgo.com": 7},
    "social": {"bsky.app": 35, "facebook.com": 30, "x.com": 20, "reddit.com": 15},
    "other": {"en.wikipedia.org": 40, "feedly.com": 35, "newsnow.co.uk": 25},
}
# What a story's reader is given, by who they are (a gift link's reader: a gift).
OUTCOMES = {
    "anonymous": {"full": 80, "teaser": 14, "unlock": 3, "institution": 3},
    "registered": {"full": 84, "wall": 12, "unlock": 2, "institution": 2},
    "subscriber": {"full": 1},
}
# Each day's conversions: the fewest and the most.
PER_DAY = {"subscription": (1, 5), "registration": (3, 9), "signup": (2, 6)}
AFTER_WALL = {"subscription": 0.45, "registration": 0.8, "signup": 0.1}


@dataclass(frozen=True)
class Story:
    page_id: int
    published: datetime
    free: bool
    appeal: float  # how widely it is read, once out: a Zipf-like share


def _weighted(chance: random.Random, table: dict[str, int]) -> str:
    return chance.choices(tuple(table), weights=tuple(table.values()))[0]


def _stories(chance: random.Random) -> list[Story]:
    from wagtail.models import Page

    from masthead.news.models import ArticlePage, SectionPage

    free_sections = set(
        SectionPage.objects.filter(free_to_read=True).values_list("path", flat=True)
    )
    rows = list(
        ArticlePage.objects.live()
        .exclude(first_published_at=None)
        .order_by("pk")
        .values_list("pk", "first_published_at", "free_to_read", "path")
    )
    ranks = list(range(1, len(rows) + 1))
    chance.shuffle(ranks)
    return [
        Story(
            page_id=pk,
            published=published,
            free=free or path[: -Page.steplen] in free_sections,
            appeal=1 / rank,
        )
        for (pk, published, free, path), rank in zip(rows, ranks, strict=True)
    ]


def _fronts() -> dict[int, float]:
    """The front page and the section fronts, the front page read most."""
    from masthead.news.models import HomePage, SectionPage

    fronts = {pk: 6.0 for pk in HomePage.objects.live().values_list("pk", flat=True)}
    fronts.update({pk: 1.0 for pk in SectionPage.objects.live().values_list("pk", flat=True)})
    return fronts


def _editions(now: datetime) -> list[tuple[date, str]]:
    """The demo newsletters' editions so far (a click from one names it), oldest first."""
    from masthead.newsletters.models import Edition

    return [
        (day, str(pk))
        for pk, day in Edition.objects.filter(date__lte=timezone.localdate(now))
        .order_by("date", "pk")
        .values_list("pk", "date")
    ]


def _stories_share(stories: list[Story], at: datetime) -> float:
    """How much of a normal hour's reading of stories there is at ``at``, 0 to 1."""
    week = sum(1 for story in stories if timedelta(0) <= at - story.published <= timedelta(days=7))
    return min(1.0, week / A_WEEKS_STORIES)


def _story_weights(stories: list[Story], at: datetime) -> tuple[list[Story], list[float]]:
    """The stories out by ``at``, weighted by their appeal and how new they are."""
    out = [story for story in stories if story.published <= at]
    weights = [
        story.appeal / (1 + (at - story.published).total_seconds() / 86400) ** 1.5 for story in out
    ]
    return out, weights


class History:
    """The page views drawn hour by hour, added up as the rollups keep them."""

    def __init__(self, chance: random.Random, stories, fronts, editions, now: datetime):
        self.chance = chance
        self.stories = stories
        self.fronts = fronts
        self.editions = editions
        self.now = now
        self.zone = timezone.get_current_timezone()
        self.hourly: Counter = Counter()
        self.story_days: Counter = Counter()
        self.source_days: Counter = Counter()
        self.source_full: Counter = Counter()
        self.minutes: Counter = Counter()
        self.day_views: Counter = Counter()

    def hour(self, start: datetime) -> None:
        local = start.astimezone(self.zone)
        day = local.date()
        expected = WEEKDAY_VIEWS * WEEK[local.weekday()] * HOURS[local.hour] / sum(HOURS)
        minutes = min(60, int((self.now - start).total_seconds() // 60) + 1)
        read = FRONTS_SHARE + (1 - FRONTS_SHARE) * _stories_share(self.stories, start)
        expected *= read
        views = round(expected * self.chance.uniform(0.85, 1.15) * minutes / 60)
        crawled = round(views * CRAWLER_SHARE)
        if crawled:
            self.hourly[(start, "crawler", "full", "direct", "desktop")] += crawled
        stories, weights = _story_weights(self.stories, start)
        fronts = FRONTS_SHARE / read  # the fronts are read as much whatever the stories
        recent = self.now - start < timedelta(hours=2)  # one view at a time: "right now"
        while views > 0:
            count = min(views, 1 if recent else self.chance.randint(2, 12))
            views -= count
            minute = start + timedelta(minutes=self.chance.randrange(minutes))
            self.view(day, minute, count, (stories, weights, fronts))

    def view(self, day: date, minute: datetime, count: int, reading: tuple) -> None:
        """``count`` views of one page by alike readers; ``reading``: the hour's stories, fronts."""
        chance = self.chance
        stories, weights, fronts = reading
        kind = _weighted(chance, KINDS)
        source = _weighted(chance, SOURCES)
        if chance.random() < fronts or not stories:
            page = chance.choices(tuple(self.fronts), weights=tuple(self.fronts.values()))[0]
            outcome = "page"
            if source == "gift":
                source = "direct"
        else:
            story = chance.choices(stories, weights=weights)[0]
            page = story.page_id
            outcome = self.outcome(kind, source, story)
        detail = self.detail(source, day)
        device = _weighted(chance, DEVICES)
        self.hourly[(minute.replace(minute=0), kind, outcome, source, device)] += count
        self.story_days[(day, page, outcome)] += count
        self.source_days[(day, source, detail)] += count
        if outcome in FULL:
            self.source_full[(day, source, detail)] += count
        if self.now - minute < timedelta(hours=1):
            self.minutes[(minute, page)] += count
        self.day_views[day] += count

    def outcome(self, kind: str, source: str, story: Story) -> str:
        if source == "gift":
            return "gift"
        if story.free:
            return "full"
        return _weighted(self.chance, OUTCOMES[kind])

    def detail(self, source: str, day: date) -> str:
        if source in DETAILS:
            return _weighted(self.chance, DETAILS[source])
        if source == "newsletter":
            recent = [pk for sent, pk in self.editions if day - timedelta(days=3) <= sent <= day]
            return self.chance.choice(recent) if recent else ""
        return ""


def _hours(now: datetime) -> list[datetime]:
    """Every hour (its start, on the clock's hour) of the last 30 of the paper's days."""
    first_day = timezone.localdate(now) - timedelta(days=DAYS - 1)
    start = timezone.make_aware(datetime.combine(first_day, datetime.min.time())).astimezone(UTC)
    start = start.replace(minute=0, second=0, microsecond=0)
    hours = []
    while start <= now:
        hours.append(start)
        start += timedelta(hours=1)
    return hours


def _write_views(history: History) -> None:
    HourlyViews.objects.bulk_create(
        [
            HourlyViews(
                hour=hour, kind=kind, outcome=outcome, source=source, device=device, views=n
            )
            for (hour, kind, outcome, source, device), n in sorted(history.hourly.items())
        ],
        batch_size=2000,
    )
    story_days: dict[tuple, StoryViews] = {}
    for (day, page, outcome), n in sorted(history.story_days.items()):
        row = story_days.setdefault((day, page), StoryViews(day=day, page_id=page))
        row.views += n
        if outcome in OUTCOME_COLUMNS:
            setattr(row, outcome, getattr(row, outcome) + n)
    StoryViews.objects.bulk_create(story_days.values(), batch_size=2000)
    SourceViews.objects.bulk_create(
        [
            SourceViews(
                day=day, source=source, detail=detail, views=n, full=history.source_full[key]
            )
            for key, n in sorted(history.source_days.items())
            for day, source, detail in [key]
        ],
        batch_size=2000,
    )
    MinuteViews.objects.bulk_create(
        [
            MinuteViews(minute=minute, page_id=page, views=n)
            for (minute, page), n in sorted(history.minutes.items())
        ]
    )


def _write_readers(history: History, chance: random.Random) -> None:
    """Each day's unique readers; today's too, which the day's own marks add to at its close."""
    DailyReaders.objects.bulk_create(
        [
            DailyReaders(day=day, readers=round(views * chance.uniform(*READERS_SHARE)))
            for day, views in sorted(history.day_views.items())
        ]
    )


# ---- conversions ------------------------------------------------------------------------------


def _moment_in(day: date, chance: random.Random, now: datetime) -> datetime | None:
    """A moment of ``day`` in the paper's hours, busier hours likelier; None if still to come."""
    hour = chance.choices(range(24), weights=HOURS)[0]
    moment = timezone.make_aware(
        datetime.combine(day, datetime.min.time())
        + timedelta(hours=hour, minutes=chance.randrange(60))
    )
    return moment if moment <= now else None


def _credit(chance: random.Random, stories: list[Story], at: datetime, history: History):
    """The story read last and the visit's source (never internal) for a conversion at ``at``."""
    out, weights = _story_weights(stories, at)
    story = chance.choices(out, weights=weights)[0].page_id if out else None
    source = "internal"
    while source in ("internal", "gift"):
        source = _weighted(chance, SOURCES)
    return story, source, history.detail(source, timezone.localdate(at))


def _plan_prices() -> list[int]:
    from masthead.subscriptions.models import Plan

    return list(Plan.objects.order_by("sort_order", "pk").values_list("price_pence", flat=True))


def _new_conversions(chance, stories, history: History, now: datetime) -> list[Conversion]:
    prices = _plan_prices()
    made = []
    today = timezone.localdate(now)
    for back in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        for kind, (fewest, most) in PER_DAY.items():
            for number in range(chance.randint(fewest, most)):
                at = _moment_in(day, chance, now)
                if at is None:
                    continue
                story, source, detail = _credit(chance, stories, at, history)
                revenue = 0
                if kind == "subscription" and prices:
                    revenue = chance.choices(prices, weights=[4] + [1] * (len(prices) - 1))[0]
                made.append(
                    Conversion(
                        kind=kind,
                        at=at,
                        story_id=story,
                        source=source,
                        detail=detail,
                        after_wall=chance.random() < AFTER_WALL[kind],
                        revenue_pence=revenue,
                        reference=f"demo:{kind}:{day:%Y%m%d}:{number}",
                    )
                )
    return made


def _credit_the_demos_own(chance, stories, history: History) -> None:
    """The appeal's donations and the demo's subscriptions: credited like the rest."""
    found = list(Conversion.objects.filter(story=None).order_by("at", "pk"))
    for conversion in found:
        story, source, detail = _credit(chance, stories, conversion.at, history)
        conversion.story_id, conversion.source, conversion.detail = story, source, detail
        conversion.after_wall = conversion.after_wall or (
            conversion.kind == "subscription" and chance.random() < AFTER_WALL["subscription"]
        )
    Conversion.objects.bulk_update(found, ["story", "source", "detail", "after_wall"])


def _demo_accounts_registered(now: datetime) -> list[Conversion]:
    """The demo's reader and subscriber registered at a wall; the subscriber paid days later."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk(
        ["reader@example.com", "subscriber@example.com"], field_name="email"
    )
    Conversion.objects.filter(kind="subscription", user__in=users.values()).update(after_wall=True)
    made = []
    for email, days_ago in (("reader@example.com", 11), ("subscriber@example.com", 3)):
        user = users.get(email)
        reference = f"registration:{user.pk}" if user else ""
        if user and not Conversion.objects.filter(reference=reference).exists():
            made.append(
                Conversion(
                    kind="registration",
                    at=now - timedelta(days=days_ago, hours=2),
                    user=user,
                    after_wall=True,
                    reference=reference,
                )
            )
    return made


def create_demo_history(now: datetime, **kwargs) -> None:
    """Thirty days of page views, readers and conversions up to ``now`` (``demo_loaded``)."""
    chance = random.Random(SEED)
    stories = _stories(chance)
    history = History(chance, stories, _fronts(), _editions(now), now)
    for start in _hours(now):
        history.hour(start)
    _write_views(history)
    _write_readers(history, chance)
    Conversion.objects.bulk_create(_demo_accounts_registered(now))
    _credit_the_demos_own(chance, stories, history)
    Conversion.objects.bulk_create(_new_conversions(chance, stories, history, now))
