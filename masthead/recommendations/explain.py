"""Why a story is on another's similar-stories list, in words an editor reads.

The engine scores with hashed features and latent vectors, which mean
nothing to a person; the reasons are worked out again from the two articles
themselves and what the index learnt: the words they share that count most
(rare in the archive, frequent in both), whether they look like one
developing story to the engine, whether they are in the same section or
share topics, and how far apart they were published (when the engine counted
it: closeness in time counts for an article whose closest articles came out
around its own days, see ``dates.story_tightness``, and not for one on a
subject, whose like is spread over months).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer

from masthead.recommendations.dates import DECAY_DAYS
from masthead.recommendations.features import (
    WORD_FEATURES,
    FeatureSettings,
    meta_tokens,
    word_text,
)
from masthead.recommendations.records import Record

SHARED_WORDS_SHOWN = 5
# Stories this close in time that share a pair of words (a name, usually) are one story.
STORY_DAYS = 7
# Closeness in time is given as a reason when the date term counted at least
# this share of its full weight for the article (its story tightness).
TIME_COUNTED = 0.2


@dataclass(frozen=True)
class Reason:
    kind: str  # "shared words", "same story", "same section", "same topics", "close in time"
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


_words = CountVectorizer(ngram_range=(1, 2), stop_words="english").build_analyzer()
_hash = HashingVectorizer(
    n_features=WORD_FEATURES, analyzer=lambda term: [term], alternate_sign=False, norm=None
)


def shared_words(
    first: Record, second: Record, idf: np.ndarray | None = None, settings=None
) -> list[str]:
    """The words and word pairs both articles use, weightiest first (rare and frequent in both).

    Without the archive's ``idf`` (no index kept) every word counts alike.
    """
    settings = settings or FeatureSettings()
    counts = [_count(_words(word_text(record, settings))) for record in (first, second)]
    common = sorted(set(counts[0]) & set(counts[1]))
    if not common:
        return []
    columns = _hash.transform(common).indices
    weights = [
        (1.0 if idf is None else idf[column]) * min(counts[0][term], counts[1][term])
        for term, column in zip(common, columns, strict=True)
    ]
    order = np.argsort(weights, kind="stable")[::-1]
    chosen: list[str] = []
    for position in order:
        term = common[position]
        # A pair says more than its words: a word inside a chosen pair adds nothing.
        if any(term in other.split() for other in chosen if " " in other):
            continue
        if " " in term:
            chosen = [other for other in chosen if other not in term.split()]
        chosen.append(term)
        if len(chosen) == SHARED_WORDS_SHOWN:
            break
    return chosen


def _count(terms: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


def reasons(index, first: Record, second: Record) -> list[Reason]:
    """Why ``second`` is on ``first``'s list; ``index`` (a ``SimilarityIndex``) may be None.

    With the index, words are weighed by the archive; without it, they count
    alike. Two stories a few days apart that share a pair of words (a name,
    usually) are called one story, and closeness in time is a reason, unless
    the index found ``first`` to be on a subject rather than a developing
    story (its closest articles spread over months), for which dates did
    not count.
    """
    found = []
    if index is not None:
        idf, settings = index.fitted.idfs[0], index.fitted.settings
    else:
        idf, settings = None, FeatureSettings()
    story_days = STORY_DAYS
    words = shared_words(first, second, idf, settings)
    if words:
        found.append(Reason("shared words", ", ".join(words)))
    gap = _days_apart(first, second)
    story = any(" " in word for word in words)
    timely = _time_counted(index, first)
    if gap is not None and gap <= story_days and story and timely:
        found.append(Reason("same story", f"published within {story_days:g} days, on one story"))
    if first.section and first.section.strip().lower() == second.section.strip().lower():
        found.append(Reason("same section", first.section))
    topics = sorted(set(meta_tokens(first)) & set(meta_tokens(second)) - {_section(first)})
    if topics:
        found.append(Reason("same topics", ", ".join(t.split(":", 1)[1] for t in topics)))
    if gap is not None and gap <= DECAY_DAYS and timely:
        found.append(Reason("close in time", _days(gap)))
    return found


def explained_list(index, records: dict[Hashable, Record], article_id: Hashable, k: int):
    """``article_id``'s list in ``index`` as (id, reasons) pairs, best first."""
    first = records[article_id]
    return [
        (other, reasons(index, first, records[other])) for other in index.similar(article_id, k)
    ]


def _time_counted(index, record: Record) -> bool:
    """Whether the index weighed closeness in time for ``record``'s list (always without one)."""
    row = None if index is None else index.position.get(record.id)
    return row is None or bool(index.tightness[row] >= TIME_COUNTED)


def _section(record: Record) -> str:
    return f"section:{record.section.strip().lower()}" if record.section else ""


def _days_apart(first: Record, second: Record) -> int | None:
    if first.date is None or second.date is None:
        return None
    return abs((first.date - second.date).days)


def _days(gap: int) -> str:
    if gap == 0:
        return "published the same day"
    return f"published {gap} day{'s' if gap != 1 else ''} apart"
