"""Weighing time and company by what the archive shows (``context.py``)."""

from datetime import date, timedelta

import numpy as np
import pytest

from masthead.recommendations.context import (
    base_rate,
    company_profiles,
    fill_unknown,
    shared_company,
    story_tightness,
    typical_tightness,
)
from masthead.recommendations.engine import EngineSettings, SimilarityIndex, similar_lists
from masthead.recommendations.features import FeatureSettings, raw_counts, spelling_weights
from masthead.recommendations.records import Record
from masthead.recommendations.tests.corpus import archive

NAN = np.nan


def test_a_long_article_counts_its_headline_spellings_less_than_a_short_item():
    settings = FeatureSettings()
    short = Record(1, "Dockers strike", "Pay talks failed at the port.")
    long = Record(2, "Dockers strike", " ".join(f"paragraph{i} about pay" for i in range(300)))
    weights = spelling_weights(raw_counts([short, long], settings)[0], settings)
    assert weights[0] == 1.0
    assert 0 < weights[1] < 0.5


def test_an_article_whose_closest_came_out_within_days_is_a_story():
    days = np.array([100.0])
    neighbours = np.array([[99.0, 101.0, 102.0, 100.0]])
    assert story_tightness(days, neighbours, 3.0, rate=0.1)[0] == pytest.approx(1.0)


def test_an_article_whose_closest_are_spread_over_months_is_a_subject():
    days = np.array([100.0, 100.0])
    neighbours = np.array([[10.0, 40.0, 160.0, 220.0], [99.0, 40.0, 160.0, 220.0]])
    tightness = story_tightness(days, neighbours, 3.0, rate=0.1)
    assert tightness[0] == 0.0
    # One close article in four is only a little above chance.
    assert 0.0 < tightness[1] < 0.2


def test_an_article_that_cannot_tell_takes_the_archives_average():
    days = np.array([100.0, NAN, 100.0, 100.0])
    neighbours = np.array([[100.0, 101.0], [100.0, 101.0], [NAN, NAN], [300.0, 500.0]])
    found = story_tightness(days, neighbours, 3.0, rate=0.0)
    assert np.isnan(found[1]) and np.isnan(found[2])
    filled = fill_unknown(found, typical_tightness(found))
    assert filled.tolist() == [1.0, 0.5, 0.5, 0.0]


def test_an_archive_without_dates_is_neutral():
    days = np.full(4, NAN)
    assert np.isnan(base_rate(days, 3.0))
    found = story_tightness(days, np.full((4, 2), NAN), 3.0, base_rate(days, 3.0))
    assert typical_tightness(found) == 0.5


def test_articles_in_the_same_company_share_it_and_others_do_not():
    # Articles 0 and 1 have the same closest articles (2, 3); article 4 has others (5, 6).
    candidates = np.array([[2, 3], [2, 3], [0, 1], [0, 1], [5, 6], [4, 6], [4, 5]])
    scores = np.full(candidates.shape, 0.8, np.float32)
    profiles = company_profiles(candidates, scores, 7)
    shared = shared_company(profiles[[0, 0]], profiles, np.array([[1, 4], [-1, 1]]))
    assert shared[0, 0] > 0.5
    assert shared[0, 1] == 0.0
    assert shared[1, 0] == 0.0


def subjects_spread_over_a_year() -> list[Record]:
    """Three subjects, six articles each, published in turn across a year: no story develops."""
    subjects = {
        "coffee": "coffee growers export quota beans harvest prices Brazil Colombia",
        "oil": "crude oil output barrels OPEC prices refinery producers",
        "rates": "central bank interest rates discount rate money markets bonds",
    }
    records = []
    for i in range(6):
        for j, (subject, words) in enumerate(subjects.items()):
            vocabulary = words.split()
            body = " ".join(vocabulary[(i + n) % len(vocabulary)] for n in range(30))
            when = date(2024, 1, 1) + timedelta(days=20 * (3 * i + j))
            records.append(Record(f"{subject}-{i}", f"{subject} report {i}", body, when))
    return records


def test_the_archive_tells_developing_stories_from_subjects():
    stories = SimilarityIndex.build(archive(), k=3)
    story_rows = [stories.position[i] for i in ("strike-1", "flood-1")]
    assert stories.tightness[story_rows].min() > 0.5
    subjects = SimilarityIndex.build(subjects_spread_over_a_year(), k=3)
    assert subjects.tightness.max() < 0.2


def test_dates_do_not_reorder_the_lists_of_a_subject():
    records = subjects_spread_over_a_year()
    with_dates = similar_lists(records, k=5)
    without = similar_lists(records, k=5, settings=EngineSettings(date_weight=0.0))
    assert with_dates == without
    assert all(other.split("-")[0] == "coffee" for other in with_dates["coffee-0"])


def test_a_newly_published_article_gets_its_tightness_and_company():
    records = subjects_spread_over_a_year()
    index = SimilarityIndex.build(records[:-1], k=5)
    index.add(records[-1])
    n = len(index.ids)
    assert index.tightness.shape == (n,) and index.profiles.shape == (n, n)
    assert all(other.startswith("rates") for other in index.similar("rates-5")[:4])
    index.add(records[-1])  # republished: replaces itself
    assert index.similar("rates-5")[:4] == index.similar("rates-5")[:4]
    assert "rates-5" in index.similar("rates-4")
