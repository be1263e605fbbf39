"""A newsletter with a daily time sends itself: the scheduler starts today's edition once."""

from datetime import datetime, time

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.newsletters.models import Edition
from masthead.newsletters.schedule import is_due
from masthead.newsletters.tests.factories import confirmed, make_newsletter

SEVEN = time(7, 0)


@pytest.mark.parametrize(
    ("daily_at", "made_today", "clock", "due"),
    [
        (SEVEN, False, time(6, 59), False),
        (SEVEN, False, time(7, 0), True),
        (SEVEN, False, time(21, 30), True),
        (SEVEN, True, time(7, 30), False),
        (None, False, time(12, 0), False),
    ],
)
def test_when_an_edition_is_due(daily_at, made_today, clock, due):
    now = datetime.combine(datetime(2026, 11, 30), clock)
    assert is_due(daily_at, made_today, now) is due


@pytest.mark.django_db
def test_the_scheduler_starts_todays_edition_once_and_queues_it_for_the_worker(paper):
    morning = make_newsletter("morning", daily_at=time(0, 0))
    by_hand = make_newsletter("weekly")
    confirmed(morning, "early@example.org")

    call_command("scheduler", "--once")
    call_command("scheduler", "--once")  # the next tick finds it made

    today = timezone.localdate()
    (edition,) = Edition.objects.filter(date=today)
    assert edition.newsletter == morning
    assert not Edition.objects.filter(newsletter=by_hand).exists()
    queued = DBTaskResult.objects.filter(queue_name="newsletters")
    assert queued.count() == 1
    assert queued.get().args_kwargs["args"] == [edition.pk]
