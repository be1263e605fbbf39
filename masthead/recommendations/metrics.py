"""Leave-one-out retrieval quality: P@5, P@10 and nDCG@10.

Every record with a label is a query; the others with the same label are the
relevant answers (the query itself never is). Records without a label are
not queries but stay in the archive as distractors. Precision divides by the
cut-off even when fewer answers exist, the usual convention, so a label with
three articles cannot reach P@5 of 1; nDCG divides by the best ranking that
was possible for that query.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    queries: int
    p_at_5: float
    p_at_10: float
    ndcg_at_10: float


def precision_at(ranked_relevance: Sequence[bool], cutoff: int) -> float:
    return sum(ranked_relevance[:cutoff]) / cutoff


def ndcg_at(ranked_relevance: Sequence[bool], relevant_count: int, cutoff: int) -> float:
    gain = sum(1 / math.log2(rank + 2) for rank, hit in enumerate(ranked_relevance[:cutoff]) if hit)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(cutoff, relevant_count)))
    return gain / ideal if ideal else 0.0


def leave_one_out_quality(
    similar: Mapping[Hashable, Sequence[Hashable]], labels: Mapping[Hashable, Hashable | None]
) -> Quality:
    """Mean P@5, P@10 and nDCG@10 over the records that have a label."""
    sizes = Counter(label for label in labels.values() if label is not None)
    totals = [0.0, 0.0, 0.0]
    queries = 0
    for article_id, label in labels.items():
        if label is None:
            continue
        relevance = [labels.get(other) == label for other in similar.get(article_id, [])[:10]]
        totals[0] += precision_at(relevance, 5)
        totals[1] += precision_at(relevance, 10)
        totals[2] += ndcg_at(relevance, sizes[label] - 1, 10)
        queries += 1
    if not queries:
        return Quality(0, 0.0, 0.0, 0.0)
    return Quality(queries, *(total / queries for total in totals))
