"""What makes a valid appeal, and which appeal runs when."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from masthead.appeals.models import Campaign
from masthead.appeals.selectors import running_appeal
from masthead.appeals.tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def test_an_appeal_must_end_after_it_starts():
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        make_campaign(starts_at=now, ends_at=now)
    assert caught.value.message_dict["ends_at"] == ["The appeal must end after it starts."]
    with pytest.raises(ValidationError):
        make_campaign(starts_at=now, ends_at=now - timedelta(hours=1))
    assert not Campaign.objects.exists()


def test_the_database_refuses_an_appeal_that_ends_before_it_starts_even_past_the_form():
    now = timezone.now()
    with pytest.raises(IntegrityError):
        Campaign.objects.create(
            name="Backwards",
            slug="backwards",
            summary="s",
            story="s",
            target_pence=100,
            starts_at=now,
            ends_at=now - timedelta(days=1),
        )


def test_appeals_take_pounds_sterling_only():
    with pytest.raises(ValidationError) as caught:
        make_campaign(currency="EUR")
    assert "currency" in caught.value.message_dict


@pytest.mark.parametrize("suggested", ["5,ten", "0,5", "5,-10", "", "7.50"])
def test_suggested_amounts_must_be_whole_positive_pounds(suggested):
    with pytest.raises(ValidationError) as caught:
        make_campaign(suggested_amounts=suggested)
    assert "suggested_amounts" in caught.value.message_dict


def test_the_target_must_be_at_least_a_pound():
    with pytest.raises(ValidationError) as caught:
        make_campaign(target_pence=0)
    assert "target_pence" in caught.value.message_dict


NOW = timezone.now()
DAY = timedelta(days=1)
WHEN = [
    # rule                                    live    starts       ends        runs
    ("a live appeal inside its dates runs", True, NOW - DAY, NOW + DAY, True),
    ("it runs from the moment it starts", True, NOW, NOW + DAY, True),
    ("it stops at the moment it ends", True, NOW - DAY, NOW, False),
    ("a paused appeal does not run", False, NOW - DAY, NOW + DAY, False),
    ("an appeal not yet started does not run", True, NOW + DAY, NOW + 2 * DAY, False),
    ("an ended appeal does not run", True, NOW - 2 * DAY, NOW - DAY, False),
]


@pytest.mark.parametrize("rule, live, starts, ends, runs", WHEN, ids=[row[0] for row in WHEN])
def test_which_appeal_runs(rule, live, starts, ends, runs):
    campaign = make_campaign(live=live, starts_at=starts, ends_at=ends)
    assert (running_appeal(now=NOW) == campaign) is runs
    assert campaign.runs_at(NOW) is runs


def test_when_appeals_overlap_the_one_that_started_last_runs():
    older = make_campaign(name="Older", starts_at=NOW - 10 * DAY, ends_at=NOW + 10 * DAY)
    newer = make_campaign(name="Newer", starts_at=NOW - DAY, ends_at=NOW + DAY)
    assert running_appeal(now=NOW) == newer
    newer.live = False
    newer.save()
    assert running_appeal(now=NOW) == older


def test_no_appeal_runs_when_there_is_none():
    assert running_appeal() is None
