"""A test's figures and its verdict, as plain values: for the page, the CLI and the dashboard.

Readers are the readers who first saw a variant's ask; exposures, how often
it was shown; conversions, the test's measure by those readers within seven
days of first seeing it (for ``revenue``: subscriptions and donations, with
their revenue beside). The verdict is taken at most once a day and carried
into the next day's look (``Look``), as the sequential method asks: looking
more often than that changes nothing it says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from masthead.experiments import statistics
from masthead.experiments.models import HOLDOUT, Experiment, ExposedConversion, Exposures, Look

PAYING = ("subscription", "donation")


@dataclass(frozen=True)
class VariantFigures:
    name: str
    readers: int
    exposures: int
    conversions: int
    revenue_pence: int
    rate: float
    interval: tuple[float, float]


def _kinds(experiment: Experiment) -> tuple[str, ...]:
    return PAYING if experiment.measure == Experiment.Measure.REVENUE else (experiment.measure,)


def variant_figures(experiment: Experiment) -> list[VariantFigures]:
    """Each variant's figures in the test's order, the holdout (if any) last."""
    seen: dict[str, dict] = defaultdict(lambda: {"readers": 0, "shown": 0})
    for variant, readers, shown in (
        Exposures.objects.filter(experiment=experiment)
        .values_list("variant")
        .annotate(r=Sum("new_readers"), s=Sum("shown"))
        .values_list("variant", "r", "s")
    ):
        seen[variant] = {"readers": readers or 0, "shown": shown or 0}
    converted: dict[str, tuple[int, int]] = {}
    for variant, number, revenue in (
        ExposedConversion.objects.filter(experiment=experiment, kind__in=_kinds(experiment))
        .values_list("variant")
        .annotate(n=Count("id"), r=Sum("revenue_pence"))
        .values_list("variant", "n", "r")
    ):
        converted[variant] = (number, revenue or 0)
    names = [name for name, _ in experiment.shares()]
    figures = []
    for name in names:
        readers = seen[name]["readers"]
        conversions, revenue = converted.get(name, (0, 0))
        rate, low, high = statistics.rate_interval(conversions, readers)
        figures.append(
            VariantFigures(
                name=name,
                readers=readers,
                exposures=0 if name == HOLDOUT else seen[name]["shown"],
                conversions=conversions,
                revenue_pence=revenue,
                rate=rate,
                interval=(low, high),
            )
        )
    return figures


def _previous(experiment: Experiment, today) -> SimpleNamespace | None:
    """The last look before today, as the statistics carry it on."""
    earlier = list(experiment.looks.filter(day__lt=today).order_by("-day"))
    if not earlier:
        return None
    last_day = earlier[0].day
    verdicts = {}
    for look in earlier:
        if look.day != last_day:
            break
        verdicts[look.variant] = statistics.Verdict(
            decision="",
            winner=None,
            difference=(0.0, look.low, look.high),
            relative=(look.relative_low, look.relative_high),
            p_value=look.p_value,
            method="",
            text=look.text,
        )
    return SimpleNamespace(verdicts=verdicts)


def comparison(experiment: Experiment, figures: list[VariantFigures] | None = None):
    """Today's look at the test (stored, and carried into tomorrow's); None with one variant."""
    figures = figures if figures is not None else variant_figures(experiment)
    compared = [(f.name, f.readers, f.conversions) for f in figures if f.name != HOLDOUT]
    if not 2 <= len(compared) <= 4:
        return None
    today = timezone.localdate()
    result = statistics.compare(compared, previous=_previous(experiment, today))
    if experiment.running:
        with transaction.atomic():
            for name, verdict in result.verdicts.items():
                Look.objects.update_or_create(
                    experiment=experiment,
                    day=today,
                    variant=name,
                    defaults={
                        "p_value": verdict.p_value,
                        "low": verdict.difference[1],
                        "high": verdict.difference[2],
                        "relative_low": verdict.relative[0],
                        "relative_high": verdict.relative[1],
                        "text": verdict.text[:200],
                    },
                )
    return result


def summary(experiment: Experiment) -> dict:
    """What a test is: ``masthead experiments list``'s row, and the head of its report."""
    return {
        "slug": experiment.slug,
        "name": experiment.name,
        "ask": experiment.ask,
        "measure": experiment.measure,
        "status": experiment.status,
        "started_at": experiment.started_at.isoformat(timespec="seconds"),
        "ended_at": experiment.ended_at.isoformat(timespec="seconds")
        if experiment.ended_at
        else None,
    }


def report(experiment: Experiment) -> dict:
    """``masthead experiments report SLUG --format json``."""
    figures = variant_figures(experiment)
    result = comparison(experiment, figures)
    first = next(iter(result.verdicts.values())) if result else None
    return {
        **summary(experiment),
        "variants": [
            {
                "name": f.name,
                "readers": f.readers,
                "exposures": f.exposures,
                "conversions": f.conversions,
                "rate": round(f.rate, 6),
                "interval": [round(f.interval[0], 6), round(f.interval[1], 6)],
                "revenue": f.revenue_pence / 100,
            }
            for f in figures
        ],
        "difference": {
            "against": result.control,
            "variant": first.names[1],
            "rate": [round(value, 6) for value in first.difference],
            "relative": [round(value, 6) for value in first.relative],
            "p_value": round(first.p_value, 6),
        }
        if first
        else None,
        "verdict": (result.text if result else "") if experiment.running else experiment.verdict,
        "method": (result.method if result else "") if experiment.running else experiment.method,
    }
