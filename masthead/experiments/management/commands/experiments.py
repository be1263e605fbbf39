"""``masthead experiments list|report SLUG --format json|text``: the tests, for machines.

``list`` gives each test's slug, name, ask and status (running or ended);
``report`` gives one test's variants (name, readers, exposures, conversions,
rate, interval, revenue), the difference, the verdict and the method: the
same figures as the test's results page, from ``results.report``.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from masthead.experiments import results
from masthead.experiments.models import Experiment


def _listed(experiment: Experiment) -> dict:
    return {**results.summary(experiment), "winner": experiment.winner or None}


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.1f} %"


class Command(BaseCommand):
    help = "List the tests of the asks, or report one test's figures and verdict, as JSON or text."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="list|report")
        listed = actions.add_parser("list", help="Every test: slug, name, ask and status.")
        listed.add_argument("--format", choices=("json", "text"), default="text")
        reported = actions.add_parser("report", help="One test's figures, difference and verdict.")
        reported.add_argument("slug", help="The test's slug, as `list` shows it.")
        reported.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args, **options):
        if options["action"] == "list":
            self._list(options["format"])
        else:
            self._report(options["slug"], options["format"])

    def _list(self, form: str) -> None:
        tests = [_listed(experiment) for experiment in Experiment.objects.order_by("-started_at")]
        if form == "json":
            self.stdout.write(json.dumps(tests, indent=2, ensure_ascii=False))
            return
        if not tests:
            self.stdout.write("No tests of the asks yet.")
            return
        width = max(len(test["slug"]) for test in tests)
        for test in tests:
            self.stdout.write(
                f"{test['slug']:<{width}}  {test['ask']:<10}  {test['status']:<7}  {test['name']}"
            )

    def _report(self, slug: str, form: str) -> None:
        experiment = Experiment.objects.filter(slug=slug).first()
        if experiment is None:
            known = ", ".join(Experiment.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no test with the slug {slug!r} (tests: {known}).")
        figures = results.report(experiment)
        if form == "json":
            self.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False))
            return
        lines = [
            f"{figures['name']} ({figures['slug']}): {figures['ask']}, {figures['status']}",
            f"Measure: {figures['measure']}",
        ]
        for variant in figures["variants"]:
            low, high = variant["interval"]
            lines.append(
                f"  {variant['name']}: {variant['readers']:,} readers, "
                f"{variant['exposures']:,} exposures, {variant['conversions']:,} conversions, "
                f"rate {_percent(variant['rate'])} ({_percent(low)} to {_percent(high)}), "
                f"revenue £{variant['revenue']:,.2f}"
            )
        difference = figures["difference"]
        if difference:
            point, low, high = difference["rate"]
            lines.append(
                f"Difference, {difference['variant']} against {difference['against']}: "
                f"{point * 100:+.1f} points ({low * 100:+.1f} to {high * 100:+.1f}), "
                f"p = {difference['p_value']:.3f}"
            )
        lines.append(f"Verdict: {figures['verdict'] or 'none yet'}")
        if figures["method"]:
            lines.append(f"Method: {figures['method']}")
        self.stdout.write("\n".join(lines))
