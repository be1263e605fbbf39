"""Editions that send themselves: each newsletter with a daily time, once a day.

The scheduler (``masthead scheduler``, beside the web server) asks every tick;
the day's edition is assembled at once (one per newsletter and day, so a second
tick or a second scheduler finds it made) and its sending is handed to the
newsletter worker's queue.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def is_due(daily_at: time | None, made_today: bool, now: datetime) -> bool:
    """Whether today's edition should start now: its time has come and it is not made yet."""
    return daily_at is not None and not made_today and now.time() >= daily_at


def start_due_editions(now: datetime | None = None) -> list[str]:
    """Assemble and queue today's edition of each newsletter whose time has come; their slugs."""
    from masthead.newsletters.assembly import edition_assemble
    from masthead.newsletters.models import Edition, Newsletter
    from masthead.newsletters.tasks import send_edition_task

    now = timezone.localtime(now)
    today: date = now.date()
    made = set(Edition.objects.filter(date=today).values_list("newsletter_id", flat=True))
    started = []
    for newsletter in Newsletter.objects.filter(active=True, daily_at__isnull=False):
        if is_due(newsletter.daily_at, newsletter.pk in made, now):
            edition = edition_assemble(newsletter, on=today)
            send_edition_task.enqueue(edition.pk)
            started.append(newsletter.slug)
    return started
