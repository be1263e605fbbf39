"""The proof that the verdict is honest however often it is read.

Simulated tests of the asks, each looked at every day for 30 days through
`verdict`, on cumulative counts, the way a publisher watching the results
page would. Between two identical variants (A/A) at most 5 % of tests may
ever declare a winner; with a real lift most tests must find it.
"""

import numpy as np
from scipy.stats import norm

from masthead.experiments.statistics import BEATS, verdict

DAYS = 30
BASE_RATE = 0.03


def daily_counts(rng, tests, rate_a, rate_b):
    """Cumulative (readers, conversions) per arm, per test and day.

    Between 600 and 2,000 new readers a day, split at random between the two
    arms: 300 to 1,000 each.
    """
    new_readers = rng.integers(600, 2_001, size=(tests, DAYS))
    readers_a = rng.binomial(new_readers, 0.5)
    readers_b = new_readers - readers_a
    conversions_a = rng.binomial(readers_a, rate_a)
    conversions_b = rng.binomial(readers_b, rate_b)
    return tuple(
        np.cumsum(counts, axis=1) for counts in (readers_a, conversions_a, readers_b, conversions_b)
    )


def winners_over_a_month(readers_a, conversions_a, readers_b, conversions_b):
    """The winner each test declared at any of its daily looks, or None."""
    winners = []
    for test in range(readers_a.shape[0]):
        result = None
        for day in range(DAYS):
            result = verdict(
                int(conversions_a[test, day]),
                int(readers_a[test, day]),
                int(conversions_b[test, day]),
                int(readers_b[test, day]),
                previous=result,
            )
            if result.decision == BEATS:
                break
        winners.append(result.winner)
    return winners


def test_in_1000_a_a_tests_checked_daily_for_30_days_at_most_5_percent_declare_a_difference():
    rng = np.random.default_rng(20261207)
    counts = daily_counts(rng, 1_000, BASE_RATE, BASE_RATE)

    winners = winners_over_a_month(*counts)

    false_winners = sum(winner is not None for winner in winners)
    assert false_winners <= 50, f"{false_winners} of 1,000 A/A tests declared a winner"

    # The same data read daily with a classical z-test at 5 % fools itself far
    # more often: the check above is one that peeking would fail.
    readers_a, conversions_a, readers_b, conversions_b = counts
    pooled = (conversions_a + conversions_b) / (readers_a + readers_b)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / readers_a + 1 / readers_b))
    z = (conversions_b / readers_b - conversions_a / readers_a) / spread
    naive_false_winners = int((2 * norm.sf(np.abs(z)) < 0.05).any(axis=1).sum())
    assert naive_false_winners > 100, naive_false_winners


def test_a_real_30_percent_lift_is_found_in_most_tests_within_a_month():
    rng = np.random.default_rng(20261208)
    counts = daily_counts(rng, 200, BASE_RATE, BASE_RATE * 1.3)

    winners = winners_over_a_month(*counts)

    assert winners.count("A") == 0
    assert winners.count("B") >= 180, f"B found in {winners.count('B')} of 200 tests"
