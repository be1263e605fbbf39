"""``masthead analytics report --from 2026-11-01 --to 2026-11-30 --format json|csv``."""

from __future__ import annotations

import csv
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masthead.analytics.report import report

TABLES = ("stories", "sources", "conversions", "days", "devices", "outcomes")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a day written YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "Report page views, sources and conversions for a range of days, as JSON or CSV."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="report")
        made = actions.add_parser("report", help="The figures for a range of days.")
        made.add_argument("--from", dest="start", help="First day, YYYY-MM-DD (default: today).")
        made.add_argument("--to", dest="end", help="Last day, YYYY-MM-DD (default: --from).")
        made.add_argument("--format", choices=("json", "csv"), default="json")
        made.add_argument(
            "--table",
            choices=TABLES,
            default="stories",
            help="For CSV: which table (default: stories).",
        )
        made.add_argument("--limit", type=int, help="At most this many stories.")

    def handle(self, *args, **options):
        start = _day(options["start"]) if options["start"] else timezone.localdate()
        end = _day(options["end"]) if options["end"] else start
        if end < start:
            raise CommandError("--to is before --from.")
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be 1 or more.")
        figures = report(start, end, limit=options["limit"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, indent=2))
            return
        rows = figures[options["table"]]
        self.stderr.write(figures["note"])
        if not rows:
            return
        writer = csv.DictWriter(self.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
