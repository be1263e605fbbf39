"""Changes to appeals: recording a confirmed donation.

A donation is recorded from the payment provider's own confirmation (a signed
Stripe webhook, or the demo checkout page), never from the reader's browser
coming back to the thank-you page. Providers retry confirmations, so
recording is idempotent on (provider, reference): the same payment confirmed
twice is one donation and one receipt.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import IntegrityError, transaction

from masthead.appeals.emails import send_donation_receipt
from masthead.appeals.models import Campaign, Donation
from masthead.appeals.rules import check_currency, check_donation_pence

log = logging.getLogger(__name__)


@transaction.atomic
def donation_record(
    *,
    campaign_id: int,
    amount_pence: int,
    currency: str,
    monthly: bool,
    email: str,
    user_id: int | None,
    provider: str,
    reference: str,
    recurring_reference: str = "",
    send_receipt: bool = True,
    created_at: datetime | None = None,
) -> tuple[Donation, bool]:
    """Record one confirmed payment; return the donation and whether it is new.

    A second call with the same provider and reference returns the donation
    already recorded, changes nothing and sends no second receipt. Bad amounts
    and currencies raise ``ValueError``; so do an unknown appeal and a missing
    reference. A payment confirmed after its appeal has ended is still
    recorded: the money has moved.

    ``send_receipt`` and ``created_at`` are for the demo's seeded history.
    """
    amount_pence = check_donation_pence(amount_pence)
    currency = check_currency(currency)
    provider, reference = (provider or "").strip(), (reference or "").strip()
    if not provider or not reference:
        raise ValueError("A donation needs the payment provider and its payment reference.")
    existing = Donation.objects.filter(provider=provider, reference=reference).first()
    if existing is not None:
        return existing, False
    if not Campaign.objects.filter(pk=campaign_id).exists():
        raise ValueError(f"There is no appeal with id {campaign_id!r}.")
    fields = {
        "campaign_id": campaign_id,
        "amount_pence": amount_pence,
        "currency": currency,
        "monthly": bool(monthly),
        # Supporters are counted by distinct email; one person is one address.
        "email": (email or "").strip().lower(),
        "user_id": user_id,
        "provider": provider,
        "reference": reference,
        "recurring_reference": (recurring_reference or "").strip() if monthly else "",
    }
    if created_at is not None:
        fields["created_at"] = created_at
    try:
        # A savepoint: if the same confirmation is being recorded by another
        # request right now, its row wins and this transaction carries on.
        with transaction.atomic():
            donation = Donation.objects.create(**fields)
    except IntegrityError:
        existing = Donation.objects.filter(provider=provider, reference=reference).first()
        if existing is None:
            raise
        return existing, False
    log.info("Donation recorded: %s %s for appeal %s", provider, reference, campaign_id)
    if send_receipt:
        # After commit only: a rolled-back donation must not have thanked anyone.
        # robust: a mail server outage is logged, and the donation stays recorded.
        transaction.on_commit(lambda: send_donation_receipt(donation), robust=True)
    return donation, True
