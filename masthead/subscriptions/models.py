"""Reader subscriptions. Payment providers (Stripe, demo) set them; entitlements read them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin

from masthead.subscriptions.entitlements import grants_access


class Plan(models.Model):
    """A subscription the paper sells, edited by the Business group."""

    class Interval(models.TextChoices):
        MONTH = "month", "monthly"
        YEAR = "year", "yearly"

    name = models.CharField(max_length=120)
    price_pence = models.PositiveIntegerField(
        validators=[MinValueValidator(50)], help_text="Price in pence, e.g. 900 for £9.00."
    )
    interval = models.CharField(max_length=5, choices=Interval.choices, default=Interval.MONTH)
    description = models.TextField(blank=True)
    stripe_price_id = models.CharField(
        max_length=120, blank=True, help_text="The Stripe Price (price_…) readers are charged."
    )
    active = models.BooleanField(default=True, help_text="Shown on /subscribe/.")
    sort_order = models.PositiveSmallIntegerField(default=0)
    trial_days = models.PositiveSmallIntegerField(
        default=0, help_text="Days free before the first payment; 0 for no trial."
    )
    sold_by_seat = models.BooleanField(
        default=False,
        help_text="Sold per seat to a group (a newsroom, a union branch, a class): "
        "the price is per seat, and the buyer invites the members.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("price_pence"),
        FieldPanel("interval"),
        FieldPanel("description"),
        FieldPanel("stripe_price_id"),
        FieldPanel("trial_days"),
        FieldPanel("sold_by_seat"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "price_pence"]

    def __str__(self) -> str:
        return f"{self.name} (£{self.price_pence / 100:.2f} {self.get_interval_display()})"

    @property
    def price(self) -> str:
        return f"£{self.price_pence / 100:.2f}"


class BillingAccount(models.Model):
    """The reader's customer record at the payment provider."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="billing_account"
    )
    stripe_customer_id = models.CharField(max_length=120, unique=True, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.stripe_customer_id or 'no customer'})"


class Subscription(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        TRIALING = "trialing"
        PAST_DUE = "past_due"
        CANCELED = "canceled"
        UNPAID = "unpaid"
        INCOMPLETE = "incomplete"
        # Given, not paid for (a staff gift, a member comped at the old paper): no provider.
        COMPLIMENTARY = "complimentary"

    # Empty once the reader deleted their account: the subscription stays, ended and
    # nameless, in the revenue page's figures (``services.subscriptions_anonymise``).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL)
    plan_name = models.CharField(max_length=120, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    provider = models.CharField(max_length=20, default="demo")
    provider_reference = models.CharField(
        max_length=120, unique=True, null=True, blank=True, help_text="Stripe sub_… id"
    )
    provider_customer = models.CharField(max_length=120, blank=True)
    # Seats paid for, for a plan sold by the seat (Stripe's quantity); 1 otherwise.
    quantity = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["user", "status"], name="subscription_by_user")]

    def __str__(self) -> str:
        reader = self.user or "a deleted account"
        return f"{reader} – {self.plan_name or 'subscription'} ({self.status})"


def is_subscriber(user) -> bool:
    """Whether any of the user's subscriptions grants access now (one query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    now = timezone.now()
    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    return any(
        grants_access(status=status, current_period_end=end, now=now, grace=grace)
        for status, end in Subscription.objects.filter(user=user).values_list(
            "status", "current_period_end"
        )
    )


NEGATIVE_GIFT = "A suggested gift cannot be negative: suggest at least £1 (100 pence), or none."


class WallOfferForm(WagtailAdminModelForm):
    """The offer's form says plainly what a negative gift is, before the model's own check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_pence"].error_messages["min_value"] = NEGATIVE_GIFT


class WallOffer(RevisionMixin, models.Model):
    """The paper's own subscription offer at the wall: one set, edited by the Business group.

    Every save is a revision. Ending a test of the offer writes the winner here.
    """

    text = models.TextField(
        blank=True,
        help_text="The offer's words under its heading. Empty: the paper's usual words.",
    )
    button = models.CharField(
        max_length=60, blank=True, help_text="The button's label. Empty: “See subscriptions”."
    )
    first_plan = models.ForeignKey(
        Plan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The plan /subscribe/ shows first. Empty: the plans' own order.",
    )
    suggested_pence = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(100, "Suggest at least £1 (100 pence), or leave it empty.")],
        help_text="A one-off gift the offer suggests, in pence (500 for £5). Empty: none.",
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("button"),
        FieldPanel("first_plan"),
        FieldPanel("suggested_pence"),
    ]
    base_form_class = WallOfferForm

    class Meta:
        verbose_name = "the wall's offer"
        verbose_name_plural = "the wall's offer"

    def __str__(self) -> str:
        return "The wall's offer"
