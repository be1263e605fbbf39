"""The progress bar: how full it is, and the true figures beside it."""

import pytest

from masthead.appeals.rules import progress_percent
from masthead.appeals.selectors import appeal_progress
from masthead.appeals.tests.factories import give, make_campaign

TABLE = [
    # rule                                          raised      target   percent
    ("nothing raised is an empty bar", 0, 5_000_000, 0),
    ("a target of zero is an empty bar, not a crash", 1_000, 0, 0),
    ("half way is half full", 2_500_000, 5_000_000, 50),
    ("rounds down: 62.99% is 62", 3_149_500, 5_000_000, 62),
    ("rounds down: one penny short is 99, not 100", 4_999_999, 5_000_000, 99),
    ("the target met is a full bar", 5_000_000, 5_000_000, 100),
    ("over the target the bar stays full", 7_500_000, 5_000_000, 100),
    ("a penny of a large target is still 0", 1, 5_000_000, 0),
]


@pytest.mark.parametrize("rule, raised, target, percent", TABLE, ids=[row[0] for row in TABLE])
def test_progress_percent(rule, raised, target, percent):
    assert progress_percent(raised, target) == percent


@pytest.mark.django_db
def test_an_appeal_with_no_donations_has_raised_nothing_from_nobody():
    progress = appeal_progress(make_campaign(target_pence=5_000_000))
    assert (progress.raised_pence, progress.supporters, progress.percent) == (0, 0, 0)
    assert (progress.target_pence, progress.currency) == (5_000_000, "GBP")


@pytest.mark.django_db
def test_past_the_target_the_bar_is_full_but_the_true_total_is_shown():
    campaign = make_campaign(target_pence=10_000)
    give(campaign, 9_000)
    give(campaign, 6_050)
    progress = appeal_progress(campaign)
    assert progress.percent == 100
    assert progress.raised_pence == 15_050
    assert progress.raised_display == "£150.50"


@pytest.mark.django_db
def test_progress_counts_only_this_appeals_donations():
    winter, spring = make_campaign(), make_campaign(name="Spring")
    give(winter, 1_000)
    give(spring, 5_000)
    assert appeal_progress(winter).raised_pence == 1_000
    assert appeal_progress(spring).raised_pence == 5_000
