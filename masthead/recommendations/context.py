"""What the archive shows about an article's neighbourhood, to weigh the evidence by.

Two kinds of "similar" need different evidence. Reports of one developing
story are published within days of each other: there, closeness in time is
strong evidence. Articles about one subject (an industry, a sport, a
policy) are spread over months: there, time says little, and the better
evidence is that two articles have the same company, that their closest
articles are largely the same ones.

Which kind an article belongs to is read from the archive, article by
article: its *story tightness* is how much more often its closest articles
were published within ``story_days`` of it than two articles of the archive
picked at random are. 1 is a developing story, 0 a subject. The date term
counts in proportion to it and the shared-company term in proportion to the
rest. An article without a date takes the archive's average.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

# Pairs of dated articles sampled to learn how often any two are this close.
BASE_RATE_PAIRS = 20_000
# Tightness of an article when the archive has no dated articles to learn from.
NEUTRAL_TIGHTNESS = 0.5


def base_rate(days: np.ndarray, story_days: float, *, pairs: int = BASE_RATE_PAIRS) -> float:
    """How often two different dated articles of the archive are ``story_days`` apart or less."""
    dated = np.flatnonzero(~np.isnan(days))
    if len(dated) < 2:
        return float("nan")
    rng = np.random.default_rng(0)
    first, second = rng.choice(dated, pairs), rng.choice(dated, pairs)
    different = first != second
    gaps = np.abs(days[first[different]] - days[second[different]])
    return float(np.mean(gaps <= story_days)) if len(gaps) else float("nan")


def story_tightness(
    days: np.ndarray, neighbour_days: np.ndarray, story_days: float, rate: float
) -> np.ndarray:
    """Each article's story tightness in [0, 1] (see the module); NaN where it cannot tell.

    ``neighbour_days`` is (articles, m): the day numbers of each article's
    closest articles, NaN where unknown or missing. ``rate`` is the
    archive's ``base_rate``. An article without a date, or none of whose
    closest articles has one, gets NaN (``fill_unknown`` decides).
    """
    if not np.isfinite(rate) or rate >= 1.0 or neighbour_days.shape[1] == 0:
        return np.full(len(days), np.nan)
    usable = ~np.isnan(neighbour_days) & ~np.isnan(days)[:, None]
    with np.errstate(invalid="ignore"):
        near = (np.abs(neighbour_days - days[:, None]) <= story_days) & usable
        share = near.sum(axis=1) / usable.sum(axis=1)
        return np.clip((share - rate) / (1.0 - rate), 0.0, 1.0)


def typical_tightness(tightness: np.ndarray) -> float:
    """The archive's mean tightness, for articles it cannot tell; neutral without any."""
    known = ~np.isnan(tightness)
    return float(tightness[known].mean()) if known.any() else NEUTRAL_TIGHTNESS


def fill_unknown(tightness: np.ndarray, default: float) -> np.ndarray:
    return np.where(np.isnan(tightness), default, tightness).astype(np.float32)


def company_profiles(
    candidates: np.ndarray,
    scores: np.ndarray,
    n_columns: int,
    *,
    own_columns: np.ndarray | None = None,
) -> sp.csr_matrix:
    """Each article as the unit vector of its closest articles' affinities, itself counted once.

    Row ``i`` has ``1`` at the article's own column (``i``, or
    ``own_columns[i]``) and ``max(score, 0)`` at each of its candidates
    (-1 entries skipped). The cosine of two profiles is how much of their
    company the two articles share.
    """
    rows, size = candidates.shape
    present = (candidates >= 0) & np.isfinite(scores)
    values = np.where(present, np.clip(scores, 0.0, None), 0.0).astype(np.float32)
    columns = np.where(present, candidates, 0)
    own = np.arange(rows) if own_columns is None else own_columns
    matrix = sp.csr_matrix(
        (
            np.concatenate([np.ones(rows, np.float32), values.ravel()]),
            (
                np.concatenate([np.arange(rows), np.repeat(np.arange(rows), size)]),
                np.concatenate([own, columns.ravel()]),
            ),
        ),
        shape=(rows, n_columns),
    )
    matrix.eliminate_zeros()
    return normalize(matrix, copy=False)


def shared_company(
    query_profiles: sp.csr_matrix, profiles: sp.csr_matrix, candidates: np.ndarray
) -> np.ndarray:
    """Cosine of each query profile with the profiles of its candidates (0 for -1)."""
    product = (query_profiles @ profiles.T).tocsr()
    rows = np.repeat(np.arange(candidates.shape[0]), candidates.shape[1])
    columns = np.maximum(candidates, 0).ravel()
    found = np.asarray(product[rows, columns]).reshape(candidates.shape)
    return np.where(candidates >= 0, found, 0.0).astype(np.float32)
