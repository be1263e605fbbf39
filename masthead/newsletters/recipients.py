"""Who receives an edition: confirmed sign-ups its audience allows, never a suppressed address."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.newsletters.models import Audience, Newsletter, Signup, Suppression
from masthead.subscriptions.entitlements import grants_access


def subscriber_accounts() -> tuple[set[int], set[str]]:
    """Ids and lower-cased addresses of the accounts a subscription gives access now."""
    from masthead.subscriptions.models import Subscription

    now = timezone.now()
    grace = timedelta(days=settings.MASTHEAD_PAST_DUE_GRACE_DAYS)
    ids, emails = set(), set()
    for user_id, email, status, end in Subscription.objects.values_list(
        "user_id", "user__email", "status", "current_period_end"
    ):
        if grants_access(status=status, current_period_end=end, now=now, grace=grace):
            ids.add(user_id)
            emails.add(email.lower())
    return ids, emails


def recipients(newsletter: Newsletter) -> Iterator[tuple[Signup, bool]]:
    """Each confirmed sign-up to send to, and whether it gets the subscribers' version."""
    ids, emails = subscriber_accounts()
    accounts = None
    if newsletter.audience == Audience.REGISTERED:
        accounts = {e.lower() for e in get_user_model().objects.values_list("email", flat=True)}
    suppressed = {e.lower() for e in Suppression.objects.values_list("email", flat=True)}
    signups = Signup.objects.filter(newsletter=newsletter, status=Signup.Status.CONFIRMED)
    for signup in signups.order_by("pk").iterator(chunk_size=5000):
        email = signup.email.lower()
        if email in suppressed:
            continue
        subscriber = signup.user_id in ids or email in emails
        if newsletter.audience == Audience.SUBSCRIBERS and not subscriber:
            continue
        if accounts is not None and not (signup.user_id or email in accounts):
            continue
        yield signup, subscriber


@dataclass(frozen=True)
class Headcount:
    readers: int
    subscribers: int  # of the readers, those sent the subscribers' version


def headcount(newsletter: Newsletter) -> Headcount:
    """How many an edition sent now would go to: the sender's ``recipients``, counted."""
    readers = subscribers = 0
    for _, subscriber in recipients(newsletter):
        readers += 1
        subscribers += subscriber
    return Headcount(readers=readers, subscribers=subscribers)
