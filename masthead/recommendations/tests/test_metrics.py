import math

import pytest

from masthead.recommendations.metrics import leave_one_out_quality, ndcg_at, precision_at


def test_precision_divides_by_the_cutoff():
    assert precision_at([True, False, True], 5) == pytest.approx(2 / 5)


def test_ndcg_of_a_perfect_ranking_is_one():
    assert ndcg_at([True, True, False], relevant_count=2, cutoff=10) == pytest.approx(1.0)


def test_ndcg_of_a_late_hit():
    # one relevant answer, found at rank 2: (1/log2 3) / (1/log2 2)
    assert ndcg_at([False, True], relevant_count=1, cutoff=10) == pytest.approx(1 / math.log2(3))


def test_leave_one_out_over_a_labelled_corpus_by_hand():
    labels = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "x": None}
    similar = {
        "a1": ["a2", "a3", "b1"],  # P@5 2/5, nDCG 1
        "a2": ["b1", "a1", "x", "a3"],  # P@5 2/5, nDCG (1/log2 3 + 1/log2 5) / (1 + 1/log2 3)
        "a3": [],  # nothing found: 0, 0
        "b1": ["b2"],  # P@5 1/5, nDCG 1
        "b2": ["a1", "x"],  # 0, 0
        "x": ["a1"],  # no label: not a query
    }
    quality = leave_one_out_quality(similar, labels)
    a2_ndcg = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
    assert quality.queries == 5
    assert quality.p_at_5 == pytest.approx((0.4 + 0.4 + 0 + 0.2 + 0) / 5)
    assert quality.p_at_10 == pytest.approx((0.2 + 0.2 + 0 + 0.1 + 0) / 5)
    assert quality.ndcg_at_10 == pytest.approx((1 + a2_ndcg + 0 + 1 + 0) / 5)


def test_a_corpus_without_labels_has_no_queries():
    assert leave_one_out_quality({"a": ["b"]}, {"a": None, "b": None}).queries == 0
