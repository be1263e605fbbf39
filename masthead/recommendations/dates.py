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
