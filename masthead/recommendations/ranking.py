"""Picking the best few candidates from a row of scores, in bulk and cheaply."""

from __future__ import annotations

import numpy as np


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and scores of each row's ``k`` highest finite scores, best first.

    Rows with fewer than ``k`` finite scores are padded with index -1 and
    score -inf. ``argpartition`` keeps this linear in the number of columns.
    """
    rows, columns = scores.shape
    k = min(k, columns)
    if k == 0:
        return np.empty((rows, 0), np.int64), np.empty((rows, 0), np.float32)
    if k < columns:
        part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    else:
        part = np.tile(np.arange(columns), (rows, 1))
    chosen = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-chosen, axis=1, kind="stable")
    indices = np.take_along_axis(part, order, axis=1)
    best = np.take_along_axis(chosen, order, axis=1)
    indices = np.where(np.isfinite(best), indices, -1)
    return indices, best.astype(np.float32)
