"""Reads of appeals: which appeal runs now, how far it has got, and a reader's donations.

Progress is summed from the donations table on every read, in one query, so
it is exact however many donations are confirmed at once: there is no counter
to race on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from masthead.appeals.models import Campaign, Donation
from masthead.appeals.rules import format_pounds, progress_percent


@dataclass(frozen=True)
class AppealProgress:
    raised_pence: int
    target_pence: int
    supporters: int
    percent: int  # 0-100 for the bar; raised_pence is the true figure, even past the target
    currency: str

    @property
    def raised_display(self) -> str:
        return format_pounds(self.raised_pence)

    @property
    def target_display(self) -> str:
        return format_pounds(self.target_pence)


def running_appeal(now: datetime | None = None) -> Campaign | None:
    """The live appeal running now; if several overlap, the one that started last."""
    now = now or timezone.now()
    return (
        Campaign.objects.filter(live=True, starts_at__lte=now, ends_at__gt=now)
        .order_by("-starts_at", "-pk")
        .first()
    )


def appeal_for_reader(*, offer_showing: bool, now: datetime | None = None) -> Campaign | None:
    """The appeal to show on a page, or None.

    Where the paywall's subscription offer or registration wall is showing, the
    reader already has one ask in front of them: the appeal never stacks on it.
    """
    if offer_showing:
        return None
    return running_appeal(now)


def appeal_progress(campaign: Campaign) -> AppealProgress:
    """Money raised and distinct supporters (by email) for one appeal, in one query."""
    totals = Donation.objects.filter(campaign=campaign).aggregate(
        raised=Coalesce(Sum("amount_pence"), 0),
        supporters=Count("email", distinct=True),
    )
    return AppealProgress(
        raised_pence=totals["raised"],
        target_pence=campaign.target_pence,
        supporters=totals["supporters"],
        percent=progress_percent(totals["raised"], campaign.target_pence),
        currency=campaign.currency,
    )


def live_campaign(campaign_id: int) -> Campaign | None:
    """A campaign the public may see by id: live, running or ended (donors land after the end)."""
    return Campaign.objects.filter(pk=campaign_id, live=True).first()


def donations_for_user(user) -> QuerySet[Donation]:
    """The donations made while logged in to this account, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Donation.objects.none()
    return (
        Donation.objects.filter(user=user).select_related("campaign").order_by("-created_at", "-pk")
    )
