"""Emails about subscriptions, plain text and HTML, through Django's email framework."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_payment_failed_notice(subscription) -> None:
    context = {
        "subscription": subscription,
        "publication_name": settings.MASTHEAD_PUBLICATION_NAME,
        "account_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/account/",
        "grace_days": settings.MASTHEAD_PAST_DUE_GRACE_DAYS,
    }
    message = EmailMultiAlternatives(
        subject=f"Your {settings.MASTHEAD_PUBLICATION_NAME} payment did not go through",
        body=render_to_string("subscriptions/email/payment_failed.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.user.email],
    )
    message.attach_alternative(
        render_to_string("subscriptions/email/payment_failed.html", context), "text/html"
    )
    message.send()
