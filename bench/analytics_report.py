"""How long ``masthead analytics report`` takes for a month of a paper read a million times a day.

Builds a database of its own (PostgreSQL by default, ``--sqlite`` for the
embedded default): migrate, ``seed --articles N --no-similar``, then fills the
rollups as counting would have written them for ``--days`` days of
``--per-day`` page views: Zipf(1.0) over every story (most read first), a daily
curve over the hours, the outcomes, sources, devices and reader kinds of a
metered paper, one conversion per ~3,000 views. Then it times the report of
the whole range (the CLI's JSON, every story listed) and the dashboard's (the
top 50 stories), each three times, and prints the rows it read and the best
time. Everything it makes, it removes.

    .venv/bin/python bench/analytics_report.py [--articles 10000] [--days 30]
        [--per-day 1000000] [--sqlite]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"

OUTCOMES = (
    ("full", 0.80),
    ("teaser", 0.07),
    ("wall", 0.08),
    ("gift", 0.02),
    ("institution", 0.02),
    ("unlock", 0.01),
)
SOURCES = (
    ("direct", "", 0.30), ("search", "google.com", 0.22), ("search", "bing.com", 0.03),
    ("social", "bsky.app", 0.05), ("social", "facebook.com", 0.05), ("newsletter", "12", 0.08),
    ("internal", "", 0.22), ("other", "news.example.org", 0.05),
)  # fmt: skip
DEVICES = (("phone", 0.55), ("tablet", 0.10), ("desktop", 0.35))
KINDS = (("anonymous", 0.70), ("registered", 0.18), ("subscriber", 0.12))
HOURS = [1, 1, 1, 1, 2, 4, 7, 9, 8, 6, 5, 5, 6, 5, 5, 5, 5, 6, 7, 8, 7, 5, 3, 2]


def environment(folder: Path, sqlite: bool, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    url = (
        f"sqlite:///{folder / 'db.sqlite3'}" if sqlite else f"{SERVER.rsplit('/', 1)[0]}/{database}"
    )
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_SECRET_KEY="analytics-report-bench-only",
        MASTHEAD_HTTPS="0",
        MASTHEAD_ALLOW_DEMO_PAYMENTS="1",
        MASTHEAD_VAR_DIR=str(folder / "var"),
        MASTHEAD_STATIC_ROOT=str(folder / "static"),
        MASTHEAD_MEDIA_ROOT=str(folder / "media"),
        PYTHONPATH=str(ROOT),
    )
    return env


def postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(sql)


def split(total: int, shares) -> list[tuple]:
    return [(*share[:-1], round(total * share[-1])) for share in shares]


def fill(days: int, per_day: int) -> int:
    """The rollups as counting writes them; returns how many rows."""
    from django.utils import timezone

    from masthead.analytics.models import (
        Conversion,
        DailyReaders,
        HourlyViews,
        SourceViews,
        StoryViews,
    )  # fmt: skip
    from masthead.news.models import ArticlePage

    stories = list(ArticlePage.objects.order_by("-first_published_at").values_list("pk", flat=True))
    weights = [1 / rank for rank in range(1, len(stories) + 1)]
    scale = per_day / sum(weights)
    chance = random.Random(7)
    today = timezone.localdate()
    rows = 0
    for back in range(days):
        day = today - timedelta(days=back)
        story_rows = []
        for story, weight in zip(stories, weights, strict=True):
            views = chance.random() * 2 * weight * scale
            if views < 1:
                continue
            row = StoryViews(day=day, page_id=story, views=int(views))
            for outcome, count in split(int(views), OUTCOMES):
                setattr(row, outcome, count)
            story_rows.append(row)
        StoryViews.objects.bulk_create(story_rows, batch_size=5000)
        hourly: dict[tuple, int] = {}
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        for hour, share in enumerate(HOURS):
            in_hour = per_day * share // sum(HOURS)
            for kind, k_share in KINDS:
                for outcome, o_share in OUTCOMES:
                    for source, _detail, s_share in SOURCES:
                        for device, d_share in DEVICES:
                            key = (start + timedelta(hours=hour), kind, outcome, source, device)
                            views = int(in_hour * k_share * o_share * s_share * d_share)
                            hourly[key] = hourly.get(key, 0) + views
        hour_rows = [
            HourlyViews(hour=hour, kind=kind, outcome=outcome, source=source, device=device,
                        views=views)
            for (hour, kind, outcome, source, device), views in hourly.items() if views
        ]  # fmt: skip
        HourlyViews.objects.bulk_create(hour_rows, batch_size=5000)
        SourceViews.objects.bulk_create(
            SourceViews(day=day, source=s, detail=d, views=n, full=int(n * 0.8))
            for s, d, n in split(per_day, SOURCES)
        )
        DailyReaders.objects.create(day=day, readers=per_day * 2 // 5)
        conversions = []
        for number in range(per_day // 3000):
            source, detail, _ = chance.choice(SOURCES)
            conversions.append(Conversion(
                kind=chance.choice(["subscription", "donation", "registration", "signup"]),
                at=start + timedelta(seconds=chance.randrange(86400)),
                story_id=chance.choices(stories[:2000], weights=weights[:2000])[0],
                source=source, detail=detail, after_wall=chance.random() < 0.5,
                revenue_pence=chance.choice([0, 900, 1500, 2500]),
                reference=f"bench:{day}:{number}"))  # fmt: skip
        Conversion.objects.bulk_create(conversions)
        rows += len(story_rows) + len(hour_rows) + len(conversions) + len(SOURCES) + 1
    return rows


def timed(function, *args, **kwargs) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(3):
        began = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - began)
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="analytics_report")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=1_000_000)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--profile", action="store_true", help="the report's slowest calls")
    args = parser.parse_args(argv)
    database = f"masthead_analytics_bench_{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="analytics-report-") as folder:
        env = environment(Path(folder), args.sqlite, database)
        if not args.sqlite:
            postgres(f'CREATE DATABASE "{database}"')
        try:
            for command in (
                ["migrate", "--no-input", "-v0"],
                ["seed", "--articles", str(args.articles), "--no-similar"],
            ):
                subprocess.run(
                    [sys.executable, "-m", "masthead", *command], check=True, env=env, cwd=ROOT
                )
            os.environ.update(env)
            import django

            django.setup()
            from django.utils import timezone

            from masthead.analytics.report import report

            began = time.perf_counter()
            rows = fill(args.days, args.per_day)
            print(f"{rows:,} rollup rows for {args.days} days of {args.per_day:,} page views "
                  f"({time.perf_counter() - began:.0f} s to write)")  # fmt: skip
            end = timezone.localdate()
            start = end - timedelta(days=args.days - 1)
            whole, figures = timed(report, start, end)
            top, _ = timed(report, start, end, limit=50)
            if args.profile:
                import cProfile
                import pstats

                profile = cProfile.Profile()
                profile.runcall(report, start, end)
                pstats.Stats(profile).sort_stats("cumulative").print_stats("report.py", 20)
            engine = "SQLite" if args.sqlite else "PostgreSQL"
            print(f"{engine}: report of {args.days} days, {figures['pageviews']:,} page views, "
                  f"{len(figures['stories']):,} stories listed: {whole:.2f} s; "
                  f"with the top 50 stories (the dashboard): {top:.2f} s")  # fmt: skip
        finally:
            if not args.sqlite:
                if "django" in sys.modules:
                    from django.db import connections

                    connections.close_all()
                postgres(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
