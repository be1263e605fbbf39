"""A reader's own data: what we hold (export) and forgetting it (delete)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from masthead.paywall.meter import MeterUnavailable, meter_store
from masthead.paywall.periods import current_period


def reader_data_export(*, user) -> dict:
    """Everything we keep about a reader, as plain JSON-ready values."""
    from masthead.appeals.models import Donation
    from masthead.subscriptions.models import Subscription

    try:
        read = sorted(meter_store().articles(reader_key=f"user:{user.pk}", period=current_period()))
    except MeterUnavailable:
        read = None
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified} for a in user.emailaddress_set.all()
            ],
        },
        "subscriptions": [
            {
                "plan": s.plan_name,
                "status": s.status,
                "paid_until": s.current_period_end.isoformat() if s.current_period_end else None,
                "ends_at_period_end": s.cancel_at_period_end,
                "provider": s.provider,
            }
            for s in Subscription.objects.filter(user=user)
        ],
        "donations": [
            {
                "campaign": d.campaign.name,
                "amount_pence": d.amount_pence,
                "currency": d.currency,
                "monthly": d.monthly,
                "date": d.created_at.isoformat(),
            }
            for d in Donation.objects.filter(user=user).select_related("campaign")
        ],
        "articles_read_this_month": read,
    }


@transaction.atomic
def reader_delete(*, user) -> None:
    """Delete the account. Donations stay in the appeal's total, no longer linked to the reader."""
    from masthead.appeals.models import Donation

    # Each former reader stays one supporter in the totals, but nobody we can name.
    Donation.objects.filter(user=user).update(user=None, email=f"deleted-{user.pk}@invalid")
    user.delete()
