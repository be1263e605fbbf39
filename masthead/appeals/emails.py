"""The donation receipt: plain text and HTML, through Django's email framework.

Sent once per recorded donation, after the transaction that recorded it
commits (``masthead/appeals/services.py``). It says what was given, how often,
to which appeal and when; it does not promise anything the payment provider
has not confirmed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone


def receipt_subject() -> str:
    return f"Thank you for supporting {settings.MASTHEAD_PUBLICATION_NAME}"


def send_donation_receipt(donation) -> None:
    context = {
        "donation": donation,
        "campaign": donation.campaign,
        "amount": donation.amount_display,
        "given_on": timezone.localtime(donation.created_at),
        "publication_name": settings.MASTHEAD_PUBLICATION_NAME,
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }
    message = EmailMultiAlternatives(
        subject=receipt_subject(),
        body=render_to_string("appeals/email/receipt.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[donation.email],
    )
    message.attach_alternative(render_to_string("appeals/email/receipt.html", context), "text/html")
    message.send()
