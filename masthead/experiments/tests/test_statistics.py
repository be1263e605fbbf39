"""The verdict on a test of the asks: what it says for clear, null and thin evidence."""

import re

import pytest
from scipy.stats import binom

from masthead.experiments.statistics import (
    BEATS,
    KEEP_RUNNING,
    NO_DIFFERENCE,
    compare,
    rate_interval,
    verdict,
)

VERDICT_TEXT = re.compile(
    r"^(?P<winner>\w+) beats (?P<loser>\w+) by (?P<low>[\d.]+)–(?P<high>[\d.,]+) %$"
)


@pytest.mark.parametrize(
    ("rate", "readers"),
    [(0.03, 200), (0.03, 2_000), (0.10, 500), (0.5, 40), (0.005, 1_000)],
)
def test_the_rate_interval_covers_the_true_rate_about_95_times_in_100(rate, readers):
    # Exact coverage: the chance, over every count the readers could produce,
    # that the interval holds the true rate.
    coverage = 0.0
    for conversions in range(readers + 1):
        _, low, high = rate_interval(conversions, readers)
        if low <= rate <= high:
            coverage += binom.pmf(conversions, readers, rate)
    assert 0.92 < coverage < 0.985


def test_the_rate_interval_holds_the_observed_rate_and_narrows_with_readers():
    rate, low, high = rate_interval(30, 1_000)
    assert rate == 0.03 and low < 0.03 < high
    _, wide_low, wide_high = rate_interval(3, 100)
    assert wide_high - wide_low > high - low
    assert rate_interval(0, 100)[:2] == (0.0, 0.0) and rate_interval(0, 100)[2] < 0.03
    assert rate_interval(100, 100)[1:][1] == 1.0
    assert rate_interval(0, 0) == (0.0, 0.0, 1.0)


def test_a_clear_real_difference_names_the_winner_with_the_true_lift_inside():
    # 5 % against 7 %: a true lift of 40 %.
    result = verdict(1_000, 20_000, 1_400, 20_000)
    assert result.decision == BEATS and result.winner == "B"
    match = VERDICT_TEXT.match(result.text)
    assert match, result.text
    assert (match["winner"], match["loser"]) == ("B", "A")
    assert float(match["low"]) <= 40 <= float(match["high"].replace(",", ""))
    assert result.relative[0] < 0.40 < result.relative[1]
    point, low, high = result.difference
    assert point == pytest.approx(0.02) and low < 0.02 < high and low > 0
    assert result.p_value <= 0.05
    assert "mSPRT" in result.method and "τ² = 0.0001" in result.method
    assert "α = 0.05" in result.method


def test_the_text_rounds_the_interval_outwards():
    result = verdict(1_000, 20_000, 1_400, 20_000)
    match = VERDICT_TEXT.match(result.text)
    assert float(match["low"]) / 100 <= result.relative[0]
    assert float(match["high"]) / 100 >= result.relative[1]


def test_when_the_control_is_better_it_is_named_the_winner():
    result = verdict(1_400, 20_000, 1_000, 20_000, names=("Old banner", "New banner"))
    assert result.decision == BEATS and result.winner == "Old banner"
    assert result.text.startswith("Old banner beats New banner by ")
    # The old banner's lift over the new one is 40 % too.
    low, high = (float(x) for x in re.findall(r"[\d.]+", result.text.split(" by ")[1]))
    assert low <= 40 <= high
    assert result.relative[1] < 0


def test_identical_large_samples_find_no_difference_worth_finding():
    result = verdict(50_000, 1_000_000, 50_000, 1_000_000)
    assert result.decision == NO_DIFFERENCE and result.winner is None
    assert result.text == "No difference worth finding"
    assert -0.10 < result.relative[0] < 0 < result.relative[1] < 0.10


def test_identical_but_smaller_samples_keep_running_until_the_interval_is_narrow():
    result = verdict(150, 5_000, 150, 5_000)
    assert result.decision == KEEP_RUNNING and result.text == "Keep running"
    # The same counts pass as no difference for a publisher who only cares
    # about lifts of more than half.
    lenient = verdict(150, 5_000, 150, 5_000, smallest_worth_finding=0.5)
    assert lenient.decision == NO_DIFFERENCE


@pytest.mark.parametrize(
    "counts",
    [(3, 20, 8, 20), (1, 50, 6, 50), (0, 99, 9, 99), (2, 400, 7, 400)],
)
def test_tiny_samples_keep_running(counts):
    result = verdict(*counts)
    assert result.decision == KEEP_RUNNING
    assert result.text == "Keep running" and result.winner is None


@pytest.mark.parametrize(
    "counts",
    [
        (0, 0, 0, 0),
        (0, 10_000, 0, 10_000),
        (0, 50_000, 40, 50_000),
        (10, 10, 10, 10),
        (0, 0, 5, 100),
    ],
)
def test_zero_counts_do_not_crash(counts):
    result = verdict(*counts)
    assert result.decision in {KEEP_RUNNING, BEATS, NO_DIFFERENCE}
    assert 0 <= result.p_value <= 1
    point, low, high = result.difference
    assert -1 <= low <= point <= high <= 1
    assert result.relative[0] >= -1


def test_the_p_value_never_rises_and_the_intervals_only_narrow_across_looks():
    looks = [(30, 1_000, 45, 1_000), (55, 2_000, 70, 2_000), (90, 3_000, 88, 3_000)]
    previous = None
    for counts in looks:
        result = verdict(*counts, previous=previous)
        if previous is not None:
            assert result.p_value <= previous.p_value
            assert previous.difference[1] <= result.difference[1]
            assert result.difference[2] <= previous.difference[2]
            assert previous.relative[0] <= result.relative[0]
            assert result.relative[1] <= previous.relative[1]
        previous = result
    # Standing alone, the last look's p-value is higher than the running minimum.
    assert verdict(*looks[-1]).p_value > previous.p_value


def test_three_variants_are_each_compared_with_the_control_at_a_shared_alpha():
    result = compare([("A", 20_000, 1_000), ("B", 20_000, 1_400), ("C", 20_000, 1_010)])
    assert result.control == "A" and set(result.verdicts) == {"B", "C"}
    assert result.alpha_each == pytest.approx(0.025)
    assert "Bonferroni" in result.method and "α = 0.025" in result.method
    assert result.verdicts["B"].decision == BEATS
    assert result.verdicts["C"].decision == KEEP_RUNNING
    assert result.text.startswith("B beats A by ")
    assert result.text.endswith("; C against A: keep running")
    assert set(result.rates) == {"A", "B", "C"}
    rate, low, high = result.rates["B"]
    assert rate == 0.07 and low < 0.07 < high


def test_two_variants_compare_as_one_verdict():
    result = compare([("A", 20_000, 1_000), ("B", 20_000, 1_400)])
    assert result.text == result.verdicts["B"].text
    assert result.alpha_each == 0.05 and "Bonferroni" not in result.method


def test_a_bonferroni_share_of_alpha_can_hold_back_a_borderline_winner():
    counts = (300, 10_000, 384, 10_000)
    alone = verdict(*counts)
    among_three = verdict(*counts, alpha=0.05 / 3)
    assert alone.p_value == among_three.p_value
    assert alone.decision == BEATS and alone.text.startswith("B beats A by ")
    assert among_three.decision == KEEP_RUNNING


@pytest.mark.parametrize(
    ("variants", "message"),
    [
        ([("A", 100, 5)], "2 to 4 variants"),
        ([(name, 100, 5) for name in "ABCDE"], "2 to 4 variants"),
        ([("A", 100, 5), ("A", 100, 5)], "must differ"),
        ([("A", 100, 5), ("B", 100, 500)], "not possible"),
        ([("A", -1, 0), ("B", 100, 5)], "cannot be negative"),
        ([("A", 100.5, 0), ("B", 100, 5)], "whole number"),
    ],
)
def test_impossible_counts_are_refused(variants, message):
    with pytest.raises(ValueError, match=message):
        compare(variants)
