"""The donation receipt: a letter from the paper (``core/letters.py``).

Sent once per recorded donation, after the transaction that recorded it
commits (``masthead/appeals/services.py``). It says what was given, how often,
to which appeal and when; it does not promise anything the payment provider
has not confirmed.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from masthead.core.letters import send_letter


def receipt_subject() -> str:
    return f"Thank you for supporting {settings.MASTHEAD_PUBLICATION_NAME}"


def send_donation_receipt(donation) -> None:
    send_letter(
        to=[donation.email],
        subject=receipt_subject(),
        template="appeals/email/receipt",
        context={
            "donation": donation,
            "campaign": donation.campaign,
            "amount": donation.amount_display,
            "given_on": timezone.localtime(donation.created_at),
        },
    )
