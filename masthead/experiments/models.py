"""Tests of the asks: which copy of an ask each reader sees, and what came of it.

A test (:class:`Experiment`) splits readers between two to four variants of
one ask, and an optional holdout that sees no ask. Who sees what is a pure
function of the reader's meter identity (``assignment.py``); what is kept is
what the statistics need: each reader's first exposure, under a digest keyed
for this test only and deleted when the test ends (:class:`ExposedReader`),
the exposures per day, the conversions of exposed readers within seven
days, and the verdict of each day's look (:class:`Look`), which stays on
the record with the test.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

HOLDOUT = "holdout"
CONVERSION_DAYS = 7


class Experiment(ClusterableModel):
    class Ask(models.TextChoices):
        APPEAL = "appeal", "The appeal banner"
        OFFER = "offer", "The wall's offer"
        NEWSLETTER = "newsletter", "The newsletter sign-up prompt"

    class Measure(models.TextChoices):
        SUBSCRIPTION = "subscription", "Subscriptions"
        DONATION = "donation", "Donations"
        REGISTRATION = "registration", "Registrations"
        SIGNUP = "signup", "Newsletter sign-ups"
        REVENUE = "revenue", "Revenue"

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        ENDED = "ended", "Ended"

    name = models.CharField(max_length=120, help_text="For example “Appeal: the reporter's words”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Its name in reports.")
    ask = models.CharField(max_length=12, choices=Ask.choices, default=Ask.APPEAL)
    measure = models.CharField(
        max_length=12,
        choices=Measure.choices,
        default=Measure.DONATION,
        help_text="What counts, within seven days of a reader first seeing the ask.",
    )
    holdout_share = models.PositiveSmallIntegerField(
        default=0, help_text="Per cent of readers who see no ask at all (0 for none, at most 50)."
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    winner = models.CharField(max_length=40, blank=True)
    verdict = models.CharField(max_length=200, blank=True, help_text="Its last word, at its end.")
    method = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "test"
        verbose_name_plural = "tests of the asks"
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ask"], condition=models.Q(status="running"), name="one_running_per_ask"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def running(self) -> bool:
        return self.status == self.Status.RUNNING

    def shares(self) -> list[tuple[str, float]]:
        """``(variant name, share)`` in order, the holdout last: what assignment splits by."""
        variants = list(self.variants.all())
        total = sum(variant.share for variant in variants) or 1
        keep = 1 - self.holdout_share / 100
        split = [(variant.name, keep * variant.share / total) for variant in variants]
        if self.holdout_share:
            split.append((HOLDOUT, self.holdout_share / 100))
        return split


class Variant(models.Model):
    """One copy of the ask. For the appeal: the words under the appeal's name and the button.

    For the wall's offer, also the plan shown first and a suggested gift (both optional).
    """

    experiment = ParentalKey(Experiment, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(max_length=40, help_text="A, B, … as the results name it.")
    share = models.PositiveSmallIntegerField(
        default=50, help_text="Its share of the readers who see the ask, against the others."
    )
    text = models.TextField(help_text="The ask's words.")
    button = models.CharField(max_length=60, default="Support us")
    # A test of the wall's offer only: the plan /subscribe/ shows first, and a suggested gift.
    first_plan = models.ForeignKey(
        "subscriptions.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A test of the wall's offer: the plan /subscribe/ shows first.",
    )
    suggested_pence = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="A test of the wall's offer: a one-off gift it suggests, in pence (500 for £5).",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "name"], name="one_variant_name_per_test")
        ]

    def __str__(self) -> str:
        return f"{self.experiment}: {self.name}"


class ExposedReader(models.Model):
    """A reader who has seen a running test's ask: when first, and which variant."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=16)  # keyed for this test only
    variant = models.CharField(max_length=40)
    first_seen = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["experiment", "digest"], name="one_reader_per_test")
        ]

    def __str__(self) -> str:
        return f"a reader of {self.variant}"


class Exposures(models.Model):
    """How often a variant's ask was shown in one day, and to how many new readers."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="exposures")
    variant = models.CharField(max_length=40)
    day = models.DateField()
    shown = models.PositiveIntegerField(default=0)
    new_readers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "exposures"
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "variant", "day"], name="one_exposure_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.variant} on {self.day}: {self.shown}"


class ExposedConversion(models.Model):
    """A conversion by a reader within seven days of first seeing a test's ask."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="conversions")
    variant = models.CharField(max_length=40)
    kind = models.CharField(max_length=12)
    revenue_pence = models.PositiveIntegerField(default=0)
    at = models.DateTimeField()
    reference = models.CharField(max_length=60)  # the conversion's own, once per test

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "reference"], name="one_conversion_per_test"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} in {self.variant}"


class Look(models.Model):
    """One day's verdict: the sequential method carries each look into the next."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="looks")
    day = models.DateField()
    variant = models.CharField(max_length=40)  # the challenger, against the first variant
    p_value = models.FloatField()
    low = models.FloatField()
    high = models.FloatField()
    relative_low = models.FloatField()
    relative_high = models.FloatField()
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "day", "variant"], name="one_look_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.text}"
