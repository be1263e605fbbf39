"""Fund-raising appeals: a named campaign with a target, and the donations made to it.

The total raised is never stored: it is summed from the donations whenever it
is shown (``masthead/appeals/selectors.py``). A stored counter would need a
read-modify-write on every donation, and two donations confirmed at the same
moment could lose one of the increments; a sum over rows cannot.

A donation is one confirmed payment. A monthly donor's later payments arrive
with references of their own and are donations of their own, so the figures
count money received, not money promised.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.models import RevisionMixin

from masthead.appeals.rules import (
    CURRENCY,
    MAX_DONATION_PENCE,
    check_currency,
    format_pounds,
    parse_suggested_amounts,
)


def validate_suggested_amounts(value: str) -> None:
    try:
        parse_suggested_amounts(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def validate_currency(value: str) -> None:
    try:
        check_currency(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


class Campaign(RevisionMixin, models.Model):
    """An appeal, edited by the Business group; every save is a revision.

    It runs, and shows on the site, while it is live and ``starts_at <= now < ends_at``.
    """

    name = models.CharField(max_length=120, help_text="For example “The Winter Appeal”.")
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(
        max_length=200,
        help_text="One sentence for the banner on the front page and under articles.",
    )
    button = models.CharField(
        max_length=60, default="Support us", help_text="The banner's button, to the support page."
    )
    story = models.TextField(
        help_text="Why readers should give, shown on the support page. "
        "Leave a blank line between paragraphs."
    )
    target_pence = models.PositiveIntegerField(
        "target (in pence)",
        validators=[MinValueValidator(100), MaxValueValidator(1_000_000_000)],
        help_text="In pence: £50,000 is 5000000.",
    )
    currency = models.CharField(
        max_length=3,
        default=CURRENCY,
        choices=[(CURRENCY, "Pounds sterling (GBP)")],
        validators=[validate_currency],
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    suggested_amounts = models.CharField(
        max_length=100,
        default="5,10,25,50",
        validators=[validate_suggested_amounts],
        help_text="Whole pounds, separated by commas: readers pick one or type their own.",
    )
    live = models.BooleanField(
        default=False,
        help_text="Show the appeal on the site between its start and end. Untick to pause it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Revisions go with the campaign when it is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="campaign")

    panels = [
        HelpPanel(
            content="An appeal shows on the front page, under articles (never on top of the "
            "subscription offer) and on /support/ while it is live and between its start and "
            "end. If two overlap, the one that started last shows."
        ),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("button"),
        FieldPanel("story"),
        MultiFieldPanel(
            [FieldPanel("target_pence"), FieldPanel("currency"), FieldPanel("suggested_amounts")],
            heading="Money",
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="Dates"),
        FieldPanel("live"),
    ]

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appeal_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(target_pence__gt=0), name="appeal_target_above_zero"
            ),
        ]
        indexes = [models.Index(fields=["live", "starts_at", "ends_at"], name="appeal_running")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The appeal must end after it starts."})

    @property
    def suggested_pounds(self) -> list[int]:
        """The suggested amounts in whole pounds (empty if an old value no longer parses)."""
        try:
            return parse_suggested_amounts(self.suggested_amounts)
        except ValueError:
            return []

    @property
    def target_display(self) -> str:
        return format_pounds(self.target_pence)

    def runs_at(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.live and self.starts_at <= moment < self.ends_at


class Donation(models.Model):
    """One confirmed payment to an appeal, recorded once per provider reference."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="donations")
    amount_pence = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DONATION_PENCE)]
    )
    currency = models.CharField(max_length=3, default=CURRENCY)
    monthly = models.BooleanField(default=False)
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donations",
    )
    provider = models.CharField(max_length=20, help_text="The payment provider, e.g. stripe.")
    reference = models.CharField(max_length=255, help_text="The provider's id for the payment.")
    recurring_reference = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        help_text="For a monthly donation, the provider's id for the standing arrangement.",
    )
    recurring_ended_at = models.DateTimeField(
        null=True, blank=True, help_text="When the monthly donation was stopped at the provider."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A confirmation the provider sends twice (webhook retries) is one donation.
            models.UniqueConstraint(
                fields=["provider", "reference"], name="one_donation_per_payment"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="donation_above_zero"
            ),
        ]
        # Totals sum amounts and count distinct emails per campaign.
        indexes = [models.Index(fields=["campaign", "email"], name="donations_by_campaign")]

    def __str__(self) -> str:
        kind = "monthly" if self.monthly else "one-off"
        return f"{format_pounds(self.amount_pence)} {kind} to {self.campaign_id} ({self.reference})"

    @property
    def amount_display(self) -> str:
        return format_pounds(self.amount_pence)
