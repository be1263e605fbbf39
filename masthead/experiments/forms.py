"""The admin's form for a test of the asks: what makes a test that can run, and what stays fixed.

A test needs two to four variants with names of their own and shares above
nothing, a holdout of at most half the readers, and no other running test of
the same ask (the database refuses a second one; the form says why first).

Once a test has started, who sees what is a function of the test's slug, its
variants' names and shares and its holdout (``assignment.py``): changing any
of them, or the ask, would move readers from one variant to another halfway
through and spoil the comparison. Those fields are shown but cannot be
changed; the words and the button of each variant can still be corrected.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from masthead.experiments.models import HOLDOUT, Experiment

MIN_VARIANTS = 2
MAX_VARIANTS = 4
MAX_HOLDOUT = 50
APPEAL_SUMMARY_LENGTH = 200  # the appeal's summary, which the winner's words become

FIXED_NOTE = (
    "Once a test has started, its ask, slug, holdout and its variants' names and shares "
    "are fixed: changing them would move readers from one variant to another. "
    "The words and the button of each variant can still be corrected."
)
FIXED_HELP = "Fixed while the test runs: changing it would move readers between variants."
FIXED_VARIANTS = (
    "While a test is running its variants cannot be added or removed: that would move "
    "readers from one variant to another. End this test and start a new one instead."
)
STARTED_MEANWHILE = (
    "Another test of this ask was started a moment ago: end it before starting another."
)
LOCKED_FIELDS = ("ask", "slug", "holdout_share")
LOCKED_VARIANT_FIELDS = ("name", "share")


UNKNOWN_PLAN = "No plan on sale is that one: choose one of the plans listed, or none."
MIN_SUGGESTED_PENCE = 100


def offer_fields(form) -> None:
    """The plan shown first is one of the plans on sale, said plainly when it is not."""
    from masthead.subscriptions.models import Plan

    field = form.fields.get("first_plan")
    if field is not None:
        field.queryset = Plan.objects.filter(active=True)
        field.error_messages["invalid_choice"] = UNKNOWN_PLAN
    amount = form.fields.get("suggested_pence")
    if amount is not None:
        amount.error_messages["min_value"] = "A suggested gift cannot be negative."


def offer_errors(ask: str | None, variants: list[dict]) -> list[str]:
    """The plan first and the suggested gift: only in a test of the offer, and at least £1."""
    errors = []
    for variant in variants:
        name = variant.get("name")
        plan, pence = variant.get("first_plan"), variant.get("suggested_pence")
        if ask and ask != Experiment.Ask.OFFER and (plan is not None or pence is not None):
            errors.append(
                f"The plan shown first and the suggested gift are for a test of the wall's "
                f"offer; leave them empty in “{name}”."
            )
        elif pence is not None and pence < MIN_SUGGESTED_PENCE:
            errors.append(
                f"A suggested gift is at least £1 ({MIN_SUGGESTED_PENCE} pence); "
                f"“{name}” suggests {pence} pence."
            )
    return errors


class ExperimentForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = self.instance.pk is not None
        for form in self._variant_formset().forms:
            offer_fields(form)
        if not self.started:
            return
        for name in LOCKED_FIELDS:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = FIXED_HELP
        for form in self._variant_formset().forms:
            if form.instance.pk is None:
                continue
            for name in LOCKED_VARIANT_FIELDS:
                if name in form.fields:
                    form.fields[name].disabled = True
                    form.fields[name].help_text = FIXED_HELP

    @staticmethod
    def running_test_of(ask: str) -> Experiment | None:
        return Experiment.objects.filter(ask=ask, status=Experiment.Status.RUNNING).first()

    def _variant_formset(self):
        return self.formsets["variants"]

    def _variants(self) -> list[dict]:
        """The variants as submitted, leaving out those marked for deletion and blank extras."""
        formset = self._variant_formset()
        formset.is_valid()  # fills each form's cleaned_data (its errors show beside it)
        variants = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            variants.append({**data, "existing": form.instance.pk})
        return variants

    def clean(self):
        cleaned = super().clean()
        holdout = cleaned.get("holdout_share")
        if holdout is not None and holdout > MAX_HOLDOUT:
            self.add_error(
                "holdout_share",
                f"The holdout can be at most {MAX_HOLDOUT} % of readers; it is {holdout} %.",
            )
        variants = self._variants()
        errors = []
        if not MIN_VARIANTS <= len(variants) <= MAX_VARIANTS:
            errors.append(
                f"A test needs {MIN_VARIANTS} to {MAX_VARIANTS} variants; "
                f"this one has {len(variants)}."
            )
        names = [(variant.get("name") or "").strip() for variant in variants]
        seen: set[str] = set()
        for name in names:
            if name.casefold() in seen:
                errors.append(f"Variant names must differ: “{name}” is used twice.")
            seen.add(name.casefold())
        if HOLDOUT in seen:
            errors.append(f"“{HOLDOUT}” is the name of the readers who see no ask: pick another.")
        for variant in variants:
            if variant.get("share") is not None and variant["share"] <= 0:
                errors.append(
                    f"Every variant needs a share of more than 0; “{variant.get('name')}” has 0."
                )
        ask = cleaned.get("ask")
        if ask == Experiment.Ask.APPEAL:
            for variant in variants:
                length = len(variant.get("text") or "")
                if length > APPEAL_SUMMARY_LENGTH:
                    errors.append(
                        f"The appeal banner's words are at most {APPEAL_SUMMARY_LENGTH} "
                        f"characters (the appeal's summary); “{variant.get('name')}” has {length}."
                    )
        errors += offer_errors(ask, variants)
        if self.started:
            if len(variants) != self.instance.variants.count() or not all(
                variant["existing"] for variant in variants
            ):
                errors.append(FIXED_VARIANTS)
        elif ask:
            other = self.running_test_of(ask)
            if other is not None:
                self.add_error(
                    "ask",
                    f"“{other.name}” is already testing {Experiment.Ask(ask).label.lower()}: "
                    "end it before starting another test of the same ask.",
                )
        if errors:
            raise ValidationError(errors)
        return cleaned
