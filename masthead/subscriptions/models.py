"""Reader subscriptions. Payment providers (Stripe, demo) set them; entitlements read them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from masthead.subscriptions.entitlements import grants_access


class Subscription(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        TRIALING = "trialing"
        PAST_DUE = "past_due"
        CANCELED = "canceled"
        UNPAID = "unpaid"
        INCOMPLETE = "incomplete"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    plan_name = models.CharField(max_length=120, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["user", "status"], name="subscription_by_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.plan_name or 'subscription'} ({self.status})"


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
