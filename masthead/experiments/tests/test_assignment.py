"""A reader keeps their variant, and the split over many readers is fair."""

from collections import Counter

import numpy as np
import pytest
from scipy.stats import chi2_contingency, chisquare

from masthead.experiments.assignment import validate_shares, variant_for

HALVES = [("A", 0.5), ("B", 0.5)]
WITH_HOLDOUT = [("A", 0.45), ("B", 0.45), ("holdout", 0.10)]
READERS = [f"meter-{number:06d}" for number in range(20_000)]


def test_a_reader_keeps_their_variant_across_pages_and_days():
    for identity in ("meter-3f9a2c", "account-42", "meter-000017"):
        first = variant_for(identity, "appeal-banner-spring", WITH_HOLDOUT)
        seen_on_each_page = {
            variant_for(identity, "appeal-banner-spring", WITH_HOLDOUT) for _ in range(200)
        }
        assert seen_on_each_page == {first}


@pytest.mark.parametrize(
    "shares",
    [HALVES, WITH_HOLDOUT, [("A", 0.25), ("B", 0.25), ("C", 0.25), ("D", 0.15), ("none", 0.1)]],
    ids=["50/50", "45/45/10 holdout", "four variants and a holdout"],
)
def test_the_split_over_many_new_readers_is_within_chance(shares):
    counts = Counter(variant_for(reader, "newsletter-prompt", shares) for reader in READERS)
    observed = [counts[name] for name, _ in shares]
    expected = [share * len(READERS) for _, share in shares]
    assert sum(observed) == len(READERS)
    assert chisquare(observed, expected).pvalue > 0.001


def test_a_lopsided_split_would_be_caught():
    # The chi-squared check above can fail: a 52/48 split of 20,000 readers does.
    observed = [10_400, 9_600]
    assert chisquare(observed, [10_000, 10_000]).pvalue < 0.001


def test_two_tests_split_the_same_readers_independently():
    table = np.zeros((2, 2))
    for reader in READERS:
        first = variant_for(reader, "appeal-banner-spring", HALVES)
        second = variant_for(reader, "wall-offer-april", HALVES)
        table[first == "B", second == "B"] += 1
    assert chi2_contingency(table).pvalue > 0.001
    # Independent, not identical: each cell holds about a quarter of the readers.
    assert table.min() > 0.22 * len(READERS)


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([("A", 1.0)], "between 2 and 5 variants"),
        ([(name, 1 / 6) for name in "ABCDEF"], "between 2 and 5 variants"),
        ([("A", 0.5), ("B", 0.4)], "add up to 1"),
        ([("A", 0.7), ("B", 0.7), ("C", -0.4)], "must be more than 0"),
        ([("A", 0.5), ("B", 0.0), ("C", 0.5)], "must be more than 0"),
        ([("A", 0.5), ("A", 0.5)], "A appears twice"),
        ([("A", 0.5), ("", 0.5)], "needs a name"),
        ([("A", "half"), ("B", 0.5)], "must be a number"),
        ([("A", float("nan")), ("B", 0.5)], "must be more than 0"),
    ],
)
def test_bad_shares_are_refused_with_a_clear_reason(shares, message):
    with pytest.raises(ValueError, match=message):
        validate_shares(shares)
    with pytest.raises(ValueError, match=message):
        variant_for("meter-1", "banner", shares)


def test_shares_adding_up_to_one_within_rounding_are_accepted():
    validate_shares([("A", 0.1), ("B", 0.1), ("C", 0.8)])
    validate_shares([("A", 1 / 3), ("B", 1 / 3), ("C", 1 / 3)])


def test_a_reader_without_identity_is_refused():
    with pytest.raises(ValueError, match="identity"):
        variant_for("", "banner", HALVES)
