"""Letters about a reader's subscription: started, changed, cancelled, a failed payment."""

from __future__ import annotations

from django.conf import settings

from masthead.core.letters import send_letter
from masthead.subscriptions.changes import Change

SUBJECTS = {
    Change.STARTED: "Welcome to {paper}: your subscription has started",
    Change.CHANGED: "{paper}: your subscription has changed",
    Change.CANCELLED: "{paper}: your subscription is cancelled",
}


def send_payment_failed_notice(subscription) -> None:
    send_letter(
        to=[subscription.user.email],
        subject=f"Your {settings.MASTHEAD_PUBLICATION_NAME} payment did not go through",
        template="subscriptions/email/payment_failed",
        context={
            "subscription": subscription,
            "grace_days": settings.MASTHEAD_PAST_DUE_GRACE_DAYS,
        },
    )


def send_subscription_letter(subscription, change: Change) -> None:
    """What happened, the plan and its price, and until when it is paid for."""
    send_letter(
        to=[subscription.user.email],
        subject=SUBJECTS[change].format(paper=settings.MASTHEAD_PUBLICATION_NAME),
        template="subscriptions/email/subscription_letter",
        context={"subscription": subscription, "plan": subscription.plan, "change": change.value},
    )
