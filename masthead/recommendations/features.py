"""How an article becomes a weighted bag of features.

Three blocks, each TF-IDF weighted with sublinear term frequency and
normalised, then joined:

* words and word pairs from the headline (counted twice: it is the editor's
  summary) and the body, English stop words left out;
* character n-grams of the headline and the start of the body, so that
  "strike", "strikers" and "striking" meet, and short headlines still share
  something with the articles that follow them. They count for as much as
  an article lacks words: fully for a headline alone, a quarter or less for
  a full-length report, whose own words already say what it is about (their
  spellings otherwise pull a sports report towards any story that shares
  a few names or word stems with its headline);
* the section and topics an editor chose, as a lighter block.

Features are hashed rather than looked up in a vocabulary: memory stays flat
at 100,000 articles and a newly published article is turned into features
with nothing but the document frequencies learnt at the last rebuild. Each
article keeps only its strongest features, which bounds the cost of
comparing every pair and drops the long tail that carries little meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from masthead.recommendations.records import Record

WORD_FEATURES = 2**23
CHAR_FEATURES = 2**20
META_FEATURES = 2**16


@dataclass(frozen=True)
class FeatureSettings:
    title_repeats: int = 2
    lead_chars: int = 300
    char_ngrams: tuple[int, int] = (3, 5)
    char_weight: float = 1.0
    # The character block of an article with ``n`` word and word-pair counts
    # weighs ``char_weight * char_words / (char_words + n)``.
    char_words: float = 100.0
    meta_weight: float = 0.3
    # Character n-grams seen in a single article say nothing about similarity.
    char_min_df: int = 2
    # The strongest features kept per article, by block (0 keeps all).
    keep_words: int = 1000
    keep_chars: int = 1000


def word_text(record: Record, settings: FeatureSettings) -> str:
    return " ".join([record.title] * settings.title_repeats + [record.body])


def headline_text(record: Record, settings: FeatureSettings) -> str:
    return f"{record.title} {record.body[: settings.lead_chars]}"


def meta_tokens(record: Record) -> list[str]:
    tokens = [f"topic:{topic.strip().lower()}" for topic in record.topics]
    if record.section:
        tokens.append(f"section:{record.section.strip().lower()}")
    return tokens


def _vectorizers(settings: FeatureSettings):
    words = HashingVectorizer(
        n_features=WORD_FEATURES,
        ngram_range=(1, 2),
        stop_words="english",
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )
    chars = HashingVectorizer(
        n_features=CHAR_FEATURES,
        analyzer="char_wb",
        ngram_range=settings.char_ngrams,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )
    meta = HashingVectorizer(
        n_features=META_FEATURES,
        analyzer=lambda tokens: tokens,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )
    return words, chars, meta


def raw_counts(records: Sequence[Record], settings: FeatureSettings) -> list[sp.csr_matrix]:
    """Term counts per block, before any weighting."""
    words, chars, meta = _vectorizers(settings)
    return [
        words.transform([word_text(r, settings) for r in records]),
        chars.transform([headline_text(r, settings) for r in records]),
        meta.transform([meta_tokens(r) for r in records]),
    ]


def document_frequencies(block: sp.csr_matrix) -> np.ndarray:
    return np.bincount(block.indices, minlength=block.shape[1]).astype(np.float32)


def smooth_idf(df: np.ndarray, n_docs: int, *, min_df: int = 1) -> np.ndarray:
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    idf[df < min_df] = 0.0
    return idf.astype(np.float32)


def weight_block(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf times idf, rows of unit length (empty rows stay empty)."""
    weighted = counts.copy()
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    weighted.eliminate_zeros()
    return normalize(weighted, copy=False)


def keep_strongest(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Each row's ``keep`` largest weights, renormalised."""
    matrix = matrix.tocsr()
    lengths = np.diff(matrix.indptr)
    if keep <= 0 or lengths.max(initial=0) <= keep:
        return matrix
    data, indices = matrix.data, matrix.indices
    mask = np.ones(len(data), dtype=bool)
    for row in np.flatnonzero(lengths > keep):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        weakest = np.argpartition(data[start:end], end - start - keep)[: end - start - keep]
        mask[start + weakest] = False
    counts = np.add.reduceat(mask, matrix.indptr[:-1]) if len(data) else lengths
    counts = np.where(lengths > 0, counts, 0)
    indptr = np.concatenate([[0], np.cumsum(counts)])
    pruned = sp.csr_matrix((data[mask], indices[mask], indptr), shape=matrix.shape)
    return normalize(pruned, copy=False)


def char_weights(word_counts: sp.csr_matrix, settings: FeatureSettings) -> np.ndarray:
    """Each article's weight of the character block: less the more words it has."""
    words = np.asarray(word_counts.sum(axis=1), dtype=np.float32).ravel()
    return (settings.char_weight * settings.char_words / (settings.char_words + words)).astype(
        np.float32
    )


def _scale_rows(matrix: sp.csr_matrix, weight: float | np.ndarray) -> sp.csr_matrix:
    if np.isscalar(weight):
        return weight * matrix
    matrix = matrix.tocsr(copy=True)
    matrix.data *= np.repeat(weight, np.diff(matrix.indptr))
    return matrix


@dataclass
class FittedFeatures:
    """Document frequencies learnt from an archive, to weight any article alike."""

    settings: FeatureSettings
    idfs: list[np.ndarray]
    n_docs: int
    dfs: list[np.ndarray] | None = None

    def unmatched_features(self, max_docs: int) -> np.ndarray:
        """Mask of the feature columns left out of the pairwise product.

        Those of a single article can never match another, so dropping them
        changes no score. Those in more than ``max_docs`` articles cost the
        most in the product and say least about the same story; the latent
        space still carries them.
        """
        df = np.concatenate(self.dfs)
        return (df < 2) | (df > max_docs)

    @property
    def n_features(self) -> int:
        return WORD_FEATURES + CHAR_FEATURES + META_FEATURES

    def transform_counts(self, blocks: list[sp.csr_matrix]) -> sp.csr_matrix:
        settings = self.settings
        weights = [1.0, char_weights(blocks[0], settings), settings.meta_weight]
        keeps = [settings.keep_words, settings.keep_chars, 0]
        parts = [
            _scale_rows(keep_strongest(weight_block(block, idf), keep), weight)
            for block, idf, weight, keep in zip(blocks, self.idfs, weights, keeps, strict=True)
        ]
        return normalize(sp.hstack(parts, format="csr", dtype=np.float32), copy=False)

    def transform(self, records: Sequence[Record]) -> sp.csr_matrix:
        return self.transform_counts(raw_counts(records, self.settings))


def _block_frequencies(records: Sequence[Record], settings: FeatureSettings) -> list[np.ndarray]:
    return [document_frequencies(block) for block in raw_counts(records, settings)]


def blocks_of(records: Sequence[Record], block_size: int) -> list[Sequence[Record]]:
    return [records[start : start + block_size] for start in range(0, len(records), block_size)]


def fit_weights(
    records: Sequence[Record], settings: FeatureSettings, *, block_size: int = 5_000, jobs: int = 2
) -> FittedFeatures:
    """Learn document frequencies, a block of articles at a time on ``jobs`` processes.

    Raw counts for a whole large archive would take several times the
    memory of its pruned features, so they are never held all at once.
    """
    blocks = blocks_of(records, block_size)
    if len(blocks) > 1:
        frequencies = Parallel(n_jobs=jobs, return_as="generator")(
            delayed(_block_frequencies)(block, settings) for block in blocks
        )
    else:
        frequencies = iter([_block_frequencies(records, settings)])
    dfs = next(frequencies)
    for block_dfs in frequencies:
        for total, part in zip(dfs, block_dfs, strict=True):
            total += part
    min_dfs = [1, settings.char_min_df, 1]
    idfs = [
        smooth_idf(df, len(records), min_df=min_df) for df, min_df in zip(dfs, min_dfs, strict=True)
    ]
    return FittedFeatures(settings=settings, idfs=idfs, n_docs=len(records), dfs=dfs)
