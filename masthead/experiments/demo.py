"""The demo paper runs a test of two appeal banners from its first start, a fortnight in.

Variant A keeps the appeal's own words; B speaks of the reader who pays for
the journalism. Fourteen days of plausible figures (readers, exposures,
donations within seven days) are written as the running test would have
written them, B a little ahead, so the results page and the report show a
sequential verdict at work rather than a page of zeros. New readers of the
demo are split between A and B as they come, the same copy on every page.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from masthead.appeals.selectors import running_appeal
from masthead.experiments.models import Experiment, ExposedConversion, Exposures, Variant

SEED = "masthead-demo-test"
DAYS = 14
B_WORDS = (
    "Every story you read here was paid for by a reader like you. "
    "Give what you can, and the next one is on you."
)
RATES = {"A": 0.020, "B": 0.026}  # donations per reader who saw the ask


def create_demo_test(now: datetime | None = None, **kwargs) -> Experiment | None:
    """``demo_loaded``: the test, its two variants and a fortnight of its figures."""
    now = now or timezone.now()
    appeal = running_appeal(now)
    if appeal is None or Experiment.objects.filter(slug="appeal-words").exists():
        return None
    test = Experiment.objects.create(
        name="The appeal's words: the appeal's own, or the reader who pays",
        slug="appeal-words",
        ask=Experiment.Ask.APPEAL,
        measure=Experiment.Measure.DONATION,
        started_at=now - timedelta(days=DAYS),
    )
    Variant.objects.create(experiment=test, name="A", text=appeal.summary, button="Support us")
    Variant.objects.create(
        experiment=test, name="B", text=B_WORDS, button="Give today", sort_order=1
    )
    _history(test, now)
    return test


def _history(test: Experiment, now: datetime) -> None:
    chance = random.Random(SEED)
    exposures, conversions = [], []
    for back in range(DAYS, 0, -1):
        day = timezone.localdate(now - timedelta(days=back))
        for name, rate in RATES.items():
            readers = chance.randint(380, 520)
            exposures.append(
                Exposures(
                    experiment=test,
                    variant=name,
                    day=day,
                    shown=int(readers * chance.uniform(2.4, 3.1)),
                    new_readers=readers,
                )
            )
            for number in range(sum(chance.random() < rate for _ in range(readers))):
                conversions.append(
                    ExposedConversion(
                        experiment=test,
                        variant=name,
                        kind="donation",
                        revenue_pence=chance.choice((500, 1000, 1000, 2500, 5000)),
                        at=now - timedelta(days=back, minutes=chance.randrange(1440)),
                        reference=f"demo:{day}:{name}:{number}",
                    )
                )
    Exposures.objects.bulk_create(exposures)
    ExposedConversion.objects.bulk_create(conversions)
