"""Picking the best few candidates from a row of scores, in bulk and cheaply."""

from __future__ import annotations

import numpy as np


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and scores of each row's ``k`` highest finite scores, best first.

    Rows with fewer than ``k`` finite scores are padded with index -1 and
    score -inf. ``argpartition`` keeps this linear in the number of columns,
    and partitioning for the ``k`` largest in place of the ``k`` smallest of
    the negated scores spares a copy of a large block.
    """
    rows, columns = scores.shape
    k = min(k, columns)
    if k == 0:
        return np.empty((rows, 0), np.int64), np.empty((rows, 0), np.float32)
    if k < columns:
        part = np.argpartition(scores, columns - k, axis=1)[:, columns - k :]
    else:
        part = np.tile(np.arange(columns), (rows, 1))
    chosen = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-chosen, axis=1, kind="stable")
    indices = np.take_along_axis(part, order, axis=1)
    best = np.take_along_axis(chosen, order, axis=1)
    indices = np.where(np.isfinite(best), indices, -1)
    return indices, best.astype(np.float32)


def sort_rows(indices: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` best (index, score) pairs of a candidate list, best first.

    Pairs with score -inf are dropped (index -1), as in ``top_k``.
    """
    found, best = top_k(scores, k)
    chosen = np.take_along_axis(indices, np.maximum(found, 0), axis=1)
    return np.where(found >= 0, chosen, -1), best
