"""Offers: money off a plan, by code or by link, and the subscriptions that used them.

An offer is edited by the Business group in the admin. With Stripe in use it
becomes a Stripe Coupon and a Promotion Code carrying the offer's code, made
once; until Stripe has confirmed them the offer is marked "not yet at Stripe"
with Stripe's answer, and each later save (or ``masthead offers_to_stripe``)
tries again. Stripe cannot change a coupon's terms, so once an offer is at
Stripe its terms are fixed: end it and make another.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

from masthead.offers.rules import Duration, OfferTerms

# Stripe's promotion codes: letters, digits and dashes.
code_validator = RegexValidator(
    r"^[A-Z0-9-]+$", "Use only letters, digits and dashes (no spaces), e.g. WELCOME50."
)

# Fixed once the offer is at Stripe (a Stripe coupon's terms cannot change).
STRIPE_TERMS = [
    "code",
    "percent_off",
    "amount_off_pence",
    "duration",
    "duration_in_months",
    "ends_at",
    "max_redemptions",
]


class OfferForm(WagtailAdminModelForm):
    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        offer = self.instance
        if offer.pk and offer.stripe_coupon_id:
            before = Offer.objects.get(pk=offer.pk)
            changed = [
                Offer._meta.get_field(name).verbose_name
                for name in STRIPE_TERMS
                if name in cleaned and cleaned[name] != getattr(before, name)
            ]
            if "plans" in cleaned and {p.pk for p in cleaned["plans"]} != set(
                before.plans.values_list("pk", flat=True)
            ):
                changed.append("plans")
            if changed:
                raise ValidationError(
                    "This offer is at Stripe already, and Stripe cannot change an offer's "
                    f"terms ({', '.join(changed)}). End this offer and make a new one."
                )
        return cleaned


class Offer(models.Model):
    name = models.CharField(
        max_length=120, help_text="Shown to readers, e.g. “Half price for spring”."
    )
    code = models.CharField(
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text="What a reader types on /subscribe/ or at Stripe, e.g. WELCOME50.",
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The offer's own page: /offers/<slug>/."
    )
    plans = models.ManyToManyField(
        "subscriptions.Plan",
        blank=True,
        related_name="offers",
        help_text="The plans it lowers; none ticked means every plan.",
    )
    percent_off = models.DecimalField(
        "percent off",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text="e.g. 50 for half price. Give this or an amount off, not both.",
    )
    amount_off_pence = models.PositiveIntegerField(
        "amount off (pence)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="e.g. 300 for £3 off each payment. Give this or a percentage, not both.",
    )
    duration = models.CharField(
        max_length=10,
        choices=[
            (Duration.ONCE, "the first payment"),
            (Duration.REPEATING, "for a number of months"),
            (Duration.FOREVER, "for as long as the reader subscribes"),
        ],
        default=Duration.ONCE,
    )
    duration_in_months = models.PositiveSmallIntegerField(
        "months",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="For “a number of months” only.",
    )
    ends_at = models.DateTimeField(
        "ends", null=True, blank=True, help_text="After this no reader can take it up."
    )
    max_redemptions = models.PositiveIntegerField(
        "most readers",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many subscriptions may use it; empty for no cap.",
    )
    active = models.BooleanField(default=True, help_text="Untick to stop it at once.")
    stripe_coupon_id = models.CharField(max_length=120, blank=True, editable=False)
    stripe_promotion_code_id = models.CharField(max_length=120, blank=True, editable=False)
    stripe_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = OfferForm

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("slug")]),
        FieldPanel("plans", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("percent_off"), FieldPanel("amount_off_pence")]),
                FieldRowPanel([FieldPanel("duration"), FieldPanel("duration_in_months")]),
            ],
            heading="Money off",
        ),
        FieldRowPanel([FieldPanel("ends_at"), FieldPanel("max_redemptions")]),
        FieldPanel("active"),
        HelpPanel(
            "With Stripe in use, saving makes the offer a Stripe coupon and promotion code. "
            "After that its terms cannot change: end it and make a new one."
        ),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self):
        errors = {}
        self.code = (self.code or "").strip().upper()
        if (self.percent_off is None) == (self.amount_off_pence is None):
            errors["percent_off"] = "Give a percentage off or an amount off, exactly one."
        if self.duration == Duration.REPEATING and not self.duration_in_months:
            errors["duration_in_months"] = "Say for how many months."
        if self.duration != Duration.REPEATING and self.duration_in_months:
            errors["duration_in_months"] = "Months are for “a number of months” only."
        if errors:
            raise ValidationError(errors)

    @property
    def terms(self) -> OfferTerms:
        return OfferTerms(
            percent_off=self.percent_off,
            amount_off_pence=self.amount_off_pence,
            duration=Duration(self.duration),
            duration_in_months=self.duration_in_months,
        )

    @property
    def at_stripe(self) -> bool:
        return bool(
            self.stripe_coupon_id and self.stripe_promotion_code_id and not self.stripe_error
        )

    @property
    def stripe_status(self) -> str:
        if self.at_stripe:
            return "at Stripe"
        return "not yet at Stripe" + (f": {self.stripe_error}" if self.stripe_error else "")


class Redemption(models.Model):
    """A subscription that used an offer, recorded when the provider confirms it."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="redemptions")
    subscription = models.OneToOneField(
        "subscriptions.Subscription", on_delete=models.CASCADE, related_name="redemption"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.offer.code} – {self.subscription}"
