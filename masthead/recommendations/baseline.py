"""The plain TF-IDF baseline the engine is measured against.

Headline twice plus body, sublinear term frequency, cosine similarity: what
a generic related-posts feature does. Kept so that ``make eval`` shows the
engine's gain on the same data, not a remembered figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from masthead.recommendations.ranking import top_k
from masthead.recommendations.records import Record


def baseline_similar_lists(
    records: Sequence[Record], *, k: int = 10, block_size: int = 512
) -> dict[Hashable, list[Hashable]]:
    texts = [f"{r.title} {r.title} {r.body}" for r in records]
    try:
        matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    except ValueError:  # nothing but stop words or punctuation
        return {r.id: [] for r in records}
    transposed = matrix.T.tocsr()
    result = {}
    for start in range(0, len(records), block_size):
        rows = np.arange(start, min(len(records), start + block_size))
        scores = (matrix[rows] @ transposed).toarray()
        scores[scores <= 0] = -np.inf
        scores[np.arange(len(rows)), rows] = -np.inf
        found, _ = top_k(scores, k)
        for row, columns in zip(rows, found, strict=True):
            result[records[row].id] = [records[j].id for j in columns if j >= 0]
    return result
