"""Time as evidence: coverage of one story is published close together.

Follow-ups to a story come within days or weeks; an article years apart on
the same subject is usually a different incident of the same kind (another
strike, another earthquake). The affinity rewards closeness, penalises a gap
of more than a year, and says nothing when either date is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

DECAY_DAYS = 30.0
DISTANT_DAYS = 365.0
DISTANT_PENALTY = 0.5


def day_numbers(dates: Sequence[date | None]) -> np.ndarray:
    """Ordinal day of each date, NaN when unknown."""
    return np.array([d.toordinal() if d else np.nan for d in dates], dtype=np.float64)


def date_affinity(query_days: np.ndarray, candidate_days: np.ndarray) -> np.ndarray:
    """(queries, candidates) matrix in [-0.5, 1]; 0 where either date is unknown."""
    return pair_date_affinity(query_days[:, None], candidate_days[None, :])


def pair_date_affinity(days: np.ndarray, other_days: np.ndarray) -> np.ndarray:
    """Affinity of each day with the one in the same place (broadcast) of ``other_days``."""
    gap = np.abs(days - other_days)
    with np.errstate(invalid="ignore"):
        affinity = np.exp(-gap / DECAY_DAYS) - DISTANT_PENALTY * (gap > DISTANT_DAYS)
    return np.nan_to_num(affinity, nan=0.0).astype(np.float32)


# How much closeness in time counts depends on the article: the archive shows
# whether its closest articles (by words) came out around the same days, as
# the reports of a developing story do, or are spread over months, as the
# articles on a subject are. Only then does the date term count in full.
STORY_DAYS = 7.0


def chance_of_story_days(days: np.ndarray, story_days: float = STORY_DAYS) -> float:
    """The share of pairs of dated articles published within ``story_days`` of each other."""
    known = np.sort(days[np.isfinite(days)])
    if len(known) < 2:
        return float("nan")
    within = np.searchsorted(known, known + story_days, side="right") - np.searchsorted(
        known, known - story_days, side="left"
    )
    return float((within - 1).sum() / (len(known) * (len(known) - 1)))


def story_tightness(
    days: np.ndarray,
    neighbour_days: np.ndarray,
    chance: float,
    story_days: float = STORY_DAYS,
) -> np.ndarray:
    """How much more often than chance each article's closest came out within ``story_days``.

    0 when no more often than two articles picked at random, 1 when all of
    them did; NaN when the article or all its closest are undated (the
    caller decides). ``neighbour_days`` is (articles, closest), NaN where
    unknown or missing.
    """
    gap = np.abs(neighbour_days - days[:, None])
    known = np.isfinite(gap).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (gap <= story_days).sum(axis=1) / known
        tightness = (share - chance) / (1.0 - chance)
    tightness = np.clip(tightness, 0.0, 1.0)
    tightness[(known == 0) | ~np.isfinite(tightness)] = np.nan
    return tightness.astype(np.float32)
