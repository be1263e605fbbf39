"""The similar-stories engine: an index of an archive and each article's neighbours.

Similarity of two articles is the sum of three pieces of evidence:

1. the cosine of their sparse features (``features.py``): shared words, word
   pairs, spellings, section and topics;
2. the cosine of their latent vectors (``semantic.py``), each first blended
   with its closest articles' vectors ("database-side augmentation"):
   an article is described by its neighbourhood as well as its own words,
   which pulls the reports of one story together and pushes lone
   coincidences apart. A developing story's article takes its closest
   three; an article on a subject, whose like is spread over months, takes
   up to twenty, so that it is described by its subject rather than by a
   few articles that happen to share its names (story tightness, below).
   The latent vectors are the LSA vectors and, when
   ``EngineSettings(embeddings=True)`` and the optional ``embeddings`` extra
   is installed, sentence vectors from a small pretrained model, weighted by
   ``embedding_weight``; each kind is blended and normalised on its own;
3. how close their dates are (``dates.py``), when both are known, in
   proportion to the ranking article's story tightness: how much more often
   than chance its closest articles came out within a week of it. Closeness
   in time counts for a developing story and not for an article on a
   subject, whose like is spread over months; the archive shows which is
   which, article by article (one number each, learnt from the candidate
   lists the rebuild finds anyway).

An article is never its own neighbour, and an article with nothing in common
with another (no shared feature, no latent affinity above a view's
threshold) is not listed for it, so a tiny archive gives a short list or none
rather than noise.

The rebuild makes two passes. The first scores a block of articles at a time
against the whole archive (a sparse product for the words plus a dense one
for the own latent vectors, on ``jobs`` processes) and keeps each article's
best ``candidates``, so it needs memory for one block of scores, not for all
pairs. The second blends the latent vectors and scores only those candidates
on blended vectors and dates. A newly published article is scored once
against the archive and inserted into every list it now beats the last entry
of, without a rebuild.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.preprocessing import normalize

from masthead.recommendations.dates import (
    chance_of_story_days,
    date_affinity,
    day_numbers,
    pair_date_affinity,
    story_tightness,
)
from masthead.recommendations.features import (
    FeatureSettings,
    FittedFeatures,
    blocks_of,
    fit_weights,
)
from masthead.recommendations.ranking import sort_rows, top_k
from masthead.recommendations.records import Record
from masthead.recommendations.semantic import (
    LatentSpace,
    SentenceEncoder,
    fit_latent_space,
    sentence_encoder,
)

# Two articles count as related above either affinity. Below them the overlap
# is what any two English texts share (common spellings, a stray word).
RELATED_CONTENT = 0.12
RELATED_LATENT = 0.2
# Sentence vectors of unrelated news reports rarely reach this cosine.
RELATED_SENTENCE = 0.4


@dataclass(frozen=True)
class EngineSettings:
    features: FeatureSettings = field(default_factory=FeatureSettings)
    latent_dimensions: int = 128
    latent_columns: int = 2**16
    # How many of an article's closest articles describe its neighbourhood.
    neighbourhood_size: int = 3
    # An article on a subject (story tightness 0) is described by up to this
    # many; tightness between 0 and 1 takes a size in between.
    loose_neighbourhood_size: int = 20
    # The date term counts this much for an article of a developing story,
    # in proportion to its story tightness, learnt from its
    # ``time_neighbours`` closest articles.
    date_weight: float = 0.5
    time_neighbours: int = 5
    # Word scores are computed for each article's best candidates only.
    candidates: int = 50
    # In an archive larger than ``exact_up_to``, features found in more than
    # ``common_feature_docs`` articles are scored through the latent space
    # only: the pairwise product's cost grows with the square of a feature's
    # article count. Smaller archives are scored on every feature.
    common_feature_docs: int = 200
    exact_up_to: int = 5_000
    block_size: int = 128
    candidate_block_size: int = 2048
    # Blocks handed to a worker process at a time in the first pass.
    blocks_per_job: int = 16
    # The latent space is learnt from a random sample of a large archive.
    latent_sample: int = 10_000
    encode_block_size: int = 5_000
    jobs: int = 2
    # Sentence vectors from a small pretrained model (the optional
    # ``embeddings`` extra), added to the latent affinity with this weight.
    embeddings: bool = False
    embedding_weight: float = 2.0

    @property
    def closest_wanted(self) -> int:
        """How many closest related articles a rebuild or a publish keeps per article."""
        return max(self.neighbourhood_size, self.loose_neighbourhood_size, self.time_neighbours)


@dataclass
class Neighbours:
    indices: np.ndarray  # (n, k) int64, -1 where the list is shorter
    scores: np.ndarray  # (n, k) float32, -inf where the list is shorter


class SimilarityIndex:
    """An archive's features and every article's ``k`` most similar others."""

    def __init__(
        self,
        *,
        ids: list[Hashable],
        settings: EngineSettings,
        fitted: FittedFeatures,
        features: sp.csr_matrix,
        space: LatentSpace | None,
        own_latent: np.ndarray | None,
        latent: np.ndarray | None,
        days: np.ndarray,
        k: int,
        views: tuple[View, ...] = (),
        encoder: SentenceEncoder | None = None,
    ):
        self.ids = ids
        self.settings = settings
        self.fitted = fitted
        self.features = features
        self.space = space
        self.own_latent = own_latent
        self.latent = latent
        self.days = days
        self.k = k
        self.views = views
        self.encoder = encoder
        self.active = np.ones(len(ids), dtype=bool)
        # Filled by ``_build_neighbours``: see ``dates.story_tightness``.
        self.tightness = np.full(len(ids), 0.5, np.float32)
        self.typical_tightness = 0.5
        self.chance_of_story_days = float("nan")
        self.position = {article_id: i for i, article_id in enumerate(ids)}
        self.neighbours = Neighbours(
            np.full((len(ids), k), -1, np.int64), np.full((len(ids), k), -np.inf, np.float32)
        )

    # Building -----------------------------------------------------------------

    @classmethod
    def build(
        cls, records: Sequence[Record], *, k: int = 10, settings: EngineSettings | None = None
    ) -> SimilarityIndex:
        settings = settings or EngineSettings()
        fitted = fit_weights(records, settings.features, block_size=settings.encode_block_size)
        space = fit_latent_space(
            fitted.transform(_sample(records, settings.latent_sample)),
            maximum_dimensions=settings.latent_dimensions,
            max_columns=settings.latent_columns,
        )
        features, own_latent = _encode_archive(records, fitted, space, settings)
        views = () if own_latent is None else (View(0, own_latent.shape[1], 1.0, RELATED_LATENT),)
        encoder = sentence_encoder() if settings.embeddings else None
        if encoder is not None:
            own_latent, views = _with_sentence_vectors(
                own_latent, views, encoder.encode(records), settings.embedding_weight
            )
        index = cls(
            ids=[record.id for record in records],
            settings=settings,
            fitted=fitted,
            features=features,
            space=space,
            own_latent=own_latent,
            latent=own_latent,
            days=day_numbers([record.date for record in records]),
            k=k,
            views=views,
            encoder=encoder,
        )
        index._build_neighbours()
        return index

    def _build_neighbours(self) -> None:
        """Two passes: candidates against the whole archive, then their final scores.

        The first pass, a block of articles at a time, adds the sparse word
        scores to the latent affinity of every pair and keeps each article's
        best ``candidates``; its closest few related ones describe its
        neighbourhood and whether it is a developing story. It
        runs on ``jobs`` processes, which share the archive's arrays. The
        second pass scores only those candidates on the blended latent vectors
        and dates: the costly products over all pairs are done once.
        """
        settings = self.settings
        n, size = len(self.ids), settings.closest_wanted
        keep = min(n, max(self.k, self.settings.candidates))
        transposed = self.features.T.tocsr()
        chunks = list(self._blocks(n, self.settings.block_size * self.settings.blocks_per_job))
        arguments = (
            self.features,
            transposed,
            self.own_latent,
            self.views,
            self.active,
            keep,
            size,
        )
        block = self.settings.block_size
        if len(chunks) > 1 and self.settings.jobs > 1:
            parts = Parallel(n_jobs=self.settings.jobs)(
                delayed(_first_pass)(*arguments, rows, block) for rows in chunks
            )
        else:
            parts = [_first_pass(*arguments, rows, block) for rows in chunks]
        del transposed
        candidates = np.vstack([part[0] for part in parts])
        content = np.vstack([part[1] for part in parts])
        closest = np.vstack([part[2] for part in parts])
        learnt = self._learn_tightness(closest[:, : settings.time_neighbours])
        if self.own_latent is not None:
            self.latent = self._blend_neighbourhoods(self._neighbourhoods(closest, learnt))
        del closest
        for rows in self._blocks(n, self.settings.candidate_block_size):
            scores = self._candidate_scores(rows, candidates[rows], content[rows])
            found, best = sort_rows(candidates[rows], scores, self.k)
            self.neighbours.indices[rows, : found.shape[1]] = found
            self.neighbours.scores[rows, : best.shape[1]] = best

    def _neighbourhoods(self, closest: np.ndarray, tightness: np.ndarray) -> np.ndarray:
        """Each article's closest that describe it: more the looser its story.

        Where the archive cannot tell (no dates), the smaller neighbourhood.
        """
        tight, loose = self.settings.neighbourhood_size, self.settings.loose_neighbourhood_size
        known = np.where(np.isfinite(tightness), tightness, 1.0)
        sizes = np.rint(tight + (1.0 - known) * (loose - tight)).astype(np.int64)
        width = max(tight, loose)
        part = closest[:, :width]
        return np.where(np.arange(part.shape[1])[None, :] < sizes[:, None], part, -1)

    def _learn_tightness(self, closest: np.ndarray) -> np.ndarray:
        """Each article's story tightness, kept filled; returned as found (NaN where unknown)."""
        self.chance_of_story_days = chance_of_story_days(self.days)
        found = self._tightness_of(self.days, closest)
        known = found[np.isfinite(found)]
        self.typical_tightness = float(np.median(known)) if len(known) else 0.5
        self.tightness = self._filled(found)
        return found

    def _tightness_of(self, days: np.ndarray, closest: np.ndarray) -> np.ndarray:
        neighbour_days = np.where(closest >= 0, self.days[np.maximum(closest, 0)], np.nan)
        return story_tightness(days, neighbour_days, self.chance_of_story_days)

    def _filled(self, tightness: np.ndarray) -> np.ndarray:
        """Unknown tightness (an undated article, or undated closest) as the archive's typical."""
        return np.where(np.isfinite(tightness), tightness, self.typical_tightness).astype(
            np.float32
        )

    def _candidate_scores(
        self, rows: np.ndarray, candidates: np.ndarray, content: np.ndarray
    ) -> np.ndarray:
        """Final scores of each row's candidates (word scores given), -inf where unrelated."""
        safe = np.maximum(candidates, 0)
        scores = content.copy()
        related = content > RELATED_CONTENT
        if self.latent is not None:
            query, others = self.latent[rows], self.latent[safe]
            scores += np.einsum("id,ikd->ik", query, others)
            for view in self.views:
                columns = slice(view.start, view.stop)
                affinity = np.einsum("id,ikd->ik", query[:, columns], others[:, :, columns])
                related |= affinity > view.related_above * view.scale**2
        if self.settings.date_weight:
            weights = self.settings.date_weight * self.tightness[rows][:, None]
            scores += weights * pair_date_affinity(self.days[rows][:, None], self.days[safe])
        scores[~related | (candidates < 0) | ~self.active[safe]] = -np.inf
        return scores

    @staticmethod
    def _blocks(n: int, size: int) -> Iterator[np.ndarray]:
        for start in range(0, n, size):
            yield np.arange(start, min(n, start + size))

    def _blend_neighbourhoods(self, closest: np.ndarray, block_size: int = 2_000) -> np.ndarray:
        """Each latent vector plus its closest articles', weighted by their latent affinity."""
        blended = np.empty_like(self.own_latent)
        for start in range(0, len(closest), block_size):
            part = closest[start : start + block_size]
            blended[start : start + len(part)] = blend_views(
                self.own_latent[start : start + len(part)],
                self.own_latent[np.maximum(part, 0)],
                part >= 0,
                self.views,
            )
        return blended

    # Scoring ------------------------------------------------------------------

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        """Scores of the given articles against the whole archive, -inf where unrelated."""
        content = (self.features[rows] @ self.features.T).toarray()
        scores = self._finish_scores(content, None if self.latent is None else self.latent[rows])
        if self.settings.date_weight:
            weights = self.settings.date_weight * self.tightness[rows][:, None]
            scores += weights * date_affinity(self.days[rows], self.days)
        return scores

    def _finish_scores(
        self, content: np.ndarray, query_latent: np.ndarray | None, *, own: bool = False
    ) -> np.ndarray:
        """Word scores plus latent affinity, -inf for unrelated or removed.

        Against the blended latent vectors, or with ``own`` the articles' own.
        """
        latent = self.own_latent if own else self.latent
        scores = content.astype(np.float32, copy=False)
        related = scores > RELATED_CONTENT
        if query_latent is not None:
            scores += query_latent @ latent.T
            for view in self.views:
                columns = slice(view.start, view.stop)
                affinity = query_latent[:, columns] @ latent[:, columns].T
                related |= affinity > view.related_above * view.scale**2
        scores[~related] = -np.inf
        scores[:, ~self.active] = -np.inf
        return scores

    # Reading ------------------------------------------------------------------

    def similar(self, article_id: Hashable, k: int | None = None) -> list[Hashable]:
        """The ids most similar to ``article_id``, best first; never itself."""
        k = self.k if k is None else k
        row = self.position[article_id]
        return [self.ids[j] for j in self.neighbours.indices[row, :k] if j >= 0][:k]

    def all_similar(self, k: int | None = None) -> Iterator[tuple[Hashable, list[Hashable]]]:
        for i, article_id in enumerate(self.ids):
            if self.active[i]:
                yield article_id, self.similar(article_id, k)

    # Updating -----------------------------------------------------------------

    def add(self, record: Record) -> list[Hashable]:
        """Index a newly published article; return the ids whose lists changed.

        The article gets its own list, and it enters the list of every
        article for which it now scores above the last entry. The learnt
        weights and latent space stay as they were until the next rebuild.
        """
        if record.id in self.position:
            self.remove(record.id)
        features = self.fitted.transform([record])
        own = self.space.project(features) if self.space else None
        if self.encoder is not None:
            own, _ = _with_sentence_vectors(
                own, (), self.encoder.encode([record]), self.settings.embedding_weight
            )
        settings = self.settings
        day = day_numbers([record.date])
        content = (self.features @ features.T).toarray().T
        first = self._finish_scores(content.copy(), own, own=True)
        found, _ = top_k(first, settings.closest_wanted)
        del first
        learnt = self._tightness_of(day, found[:, : settings.time_neighbours])
        tightness = self._filled(learnt)
        blended = None
        if own is not None:
            closest = self._neighbourhoods(found, learnt)
            blended = blend_views(
                own, self.own_latent[np.maximum(closest, 0)], closest >= 0, self.views
            )
        base = self._finish_scores(content, blended)[0]
        dates = settings.date_weight * date_affinity(day, self.days)[0]
        # Its own list is ranked by its tightness, each other list by that article's.
        scores = base + tightness[0] * dates
        entering = base + self.tightness * dates
        new_row = len(self.ids)
        self._append(record.id, features, own, blended, day, tightness)
        found, best = top_k(scores[None, :], self.k)
        self.neighbours.indices[new_row, : found.shape[1]] = found[0]
        self.neighbours.scores[new_row, : best.shape[1]] = best[0]
        changed = [record.id]
        beaten = np.flatnonzero(
            np.isfinite(entering) & (entering > self.neighbours.scores[:-1, -1])
        )
        for row in beaten:
            self._insert(row, new_row, entering[row])
            changed.append(self.ids[row])
        return changed

    def remove(self, article_id: Hashable) -> list[Hashable]:
        """Take an article out (unpublished); return the ids whose lists changed."""
        row = self.position.get(article_id)
        if row is None or not self.active[row]:
            return []
        self.active[row] = False
        self.neighbours.indices[row] = -1
        self.neighbours.scores[row] = -np.inf
        holders = np.flatnonzero((self.neighbours.indices == row).any(axis=1))
        for holder in holders:
            scores = self._score_rows(np.array([holder]))
            scores[0, holder] = -np.inf
            found, best = top_k(scores, self.k)
            self.neighbours.indices[holder] = -1
            self.neighbours.scores[holder] = -np.inf
            self.neighbours.indices[holder, : found.shape[1]] = found[0]
            self.neighbours.scores[holder, : best.shape[1]] = best[0]
        return [self.ids[h] for h in holders]

    def _append(self, article_id, features, own, blended, day, tightness) -> None:
        self.position[article_id] = len(self.ids)
        self.ids.append(article_id)
        self.tightness = np.concatenate([self.tightness, tightness]).astype(np.float32)
        self.features = sp.vstack([self.features, features], format="csr")
        if own is not None:
            self.own_latent = np.vstack([self.own_latent, own])
            self.latent = np.vstack([self.latent, blended])
        self.days = np.concatenate([self.days, day])
        self.active = np.append(self.active, True)
        self.neighbours = Neighbours(
            np.vstack([self.neighbours.indices, np.full((1, self.k), -1, np.int64)]),
            np.vstack([self.neighbours.scores, np.full((1, self.k), -np.inf, np.float32)]),
        )

    def _insert(self, row: int, new: int, score: float) -> None:
        indices, scores = self.neighbours.indices[row], self.neighbours.scores[row]
        place = int(np.searchsorted(-scores, -score, side="right"))
        indices[place + 1 :] = indices[place:-1].copy()
        scores[place + 1 :] = scores[place:-1].copy()
        indices[place], scores[place] = new, score


def _first_pass(features, transposed, own_latent, views, active, keep, size, rows, block_size):
    """``rows``' best ``keep`` candidates, their word scores and closest ``size`` related."""
    candidates = np.full((len(rows), keep), -1, np.int64)
    content = np.zeros((len(rows), keep), np.float32)
    closest = np.full((len(rows), size), -1, np.int64)
    for start in range(0, len(rows), block_size):
        block = rows[start : start + block_size]
        found, found_content, found_closest = _first_pass_block(
            features, transposed, own_latent, views, active, block, keep, size
        )
        candidates[start : start + len(block), : found.shape[1]] = found
        content[start : start + len(block), : found.shape[1]] = found_content
        closest[start : start + len(block), : found_closest.shape[1]] = found_closest
    return candidates, content, closest


def _first_pass_block(features, transposed, own_latent, views, active, rows, keep, size):
    product = features[rows] @ transposed
    if own_latent is None:
        scores = product.toarray().astype(np.float32, copy=False)
    else:
        # Dense latent affinities plus the few non-zero word scores, added in
        # place: no second dense block.
        scores = own_latent[rows] @ own_latent.T
        block_rows = np.repeat(np.arange(len(rows)), np.diff(product.indptr))
        scores[block_rows, product.indices] += product.data
    if not active.all():
        scores[:, ~active] = -np.inf
    scores[np.arange(len(rows)), rows] = -np.inf
    found, best = top_k(scores, keep)
    del scores
    present = found >= 0
    safe = np.maximum(found, 0)
    related = np.zeros_like(present)
    if own_latent is None:
        content = best
    else:
        query, others = own_latent[rows], own_latent[safe]
        content = best - np.einsum("id,ikd->ik", query, others)
        for view in views:
            columns = slice(view.start, view.stop)
            affinity = np.einsum("id,ikd->ik", query[:, columns], others[:, :, columns])
            related |= affinity > view.related_above * view.scale**2
    related |= content > RELATED_CONTENT
    related &= present
    # The closest related articles describe the neighbourhood; every candidate
    # stays, since the blended vectors may yet relate it.
    order = np.argsort(~related, axis=1, kind="stable")[:, :size]
    closest = np.where(
        np.take_along_axis(related, order, axis=1), np.take_along_axis(found, order, axis=1), -1
    )
    content = np.where(present, content, 0.0).astype(np.float32)
    return found, content, closest


@dataclass(frozen=True)
class View:
    """Columns ``start:stop`` of the latent vectors: one kind of vector, of length ``scale``.

    The LSA vectors come first; sentence vectors, when enabled, follow with
    ``sqrt(embedding_weight)`` as length so that their cosine counts that much.
    Two articles whose cosine in a view is above ``related_above`` are
    related, whatever their words.
    """

    start: int
    stop: int
    scale: float
    related_above: float


def blend_views(
    own: np.ndarray, others: np.ndarray, present: np.ndarray, views: Sequence[View]
) -> np.ndarray:
    """Each vector plus its neighbours' (``others[i, j]`` where ``present``), view by view.

    A neighbour counts as much as its cosine with the article in that view,
    and nothing when it is negative; each view is renormalised to its length.
    """
    blended = own.copy()
    for view in views:
        columns = slice(view.start, view.stop)
        mine, theirs = own[:, columns], others[:, :, columns]
        weights = np.einsum("id,ikd->ik", mine, theirs) / view.scale**2
        weights = np.clip(weights, 0, None) * present
        part = mine + np.einsum("ik,ikd->id", weights, theirs)
        blended[:, columns] = view.scale * normalize(part, copy=False)
    return blended


def _with_sentence_vectors(own_latent, views, vectors, weight):
    """The latent vectors with the sentence vectors appended as a view of their own."""
    scale = float(np.sqrt(weight))
    start = 0 if own_latent is None else own_latent.shape[1]
    appended = (scale * vectors).astype(np.float32)
    joined = appended if own_latent is None else np.hstack([own_latent, appended])
    return joined, (*views, View(start, start + vectors.shape[1], scale, RELATED_SENTENCE))


def _sample(records: Sequence[Record], size: int) -> Sequence[Record]:
    if len(records) <= size:
        return records
    chosen = np.sort(np.random.default_rng(0).choice(len(records), size, replace=False))
    return [records[i] for i in chosen]


def _encode_block(records, fitted, space, common):
    features = fitted.transform(records)
    latent = space.project(features) if space else None
    features.data[common[features.indices]] = 0.0
    features.eliminate_zeros()
    return features, latent


def _encode_archive(records, fitted, space, settings):
    """Features that can match (see ``unmatched_features``) and latent vectors of every article."""
    limit = len(records) if len(records) <= settings.exact_up_to else settings.common_feature_docs
    common = fitted.unmatched_features(limit)
    blocks = blocks_of(records, settings.encode_block_size)
    if len(blocks) > 1:
        parts = Parallel(n_jobs=settings.jobs)(
            delayed(_encode_block)(block, fitted, space, common) for block in blocks
        )
    else:
        parts = [_encode_block(records, fitted, space, common)]
    features = sp.vstack([part[0] for part in parts], format="csr")
    latent = np.vstack([part[1] for part in parts]) if space else None
    return features, latent


def similar_lists(
    records: Sequence[Record], *, k: int = 10, settings: EngineSettings | None = None
) -> dict[Hashable, list[Hashable]]:
    """Every record's ``k`` most similar other records, best first."""
    if not records:
        return {}
    index = SimilarityIndex.build(records, k=k, settings=settings)
    return dict(index.all_similar())
