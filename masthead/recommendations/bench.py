"""Benchmark: rebuild and update similar stories for a large synthetic archive.

    python -m masthead.recommendations.bench --articles 100000

Generates an archive that looks like a paper's to the engine (a Zipfian
vocabulary, twelve sections with their own words, developing stories of one
to eight articles sharing names and published within days of each other,
headlines and ~350-word bodies), then measures the full rebuild, the peak
memory of the process and the time to add one newly published article.
This is a benchmark to run by hand, not a timed test.
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import date, timedelta

import numpy as np
from joblib.externals.loky import get_reusable_executor

from masthead.recommendations.engine import SimilarityIndex
from masthead.recommendations.records import Record

SECTIONS = 12
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["th", "st", "an", "er"]


def _words(rng: np.random.Generator, count: int) -> np.ndarray:
    lengths = rng.integers(2, 5, size=count)
    pieces = rng.choice(SYLLABLES, size=(count, 4))
    words = {"".join(row[:length]) for row, length in zip(pieces, lengths, strict=True)}
    return np.array(sorted(words))


def synthetic_archive(articles: int, *, seed: int = 0, body_words: int = 350) -> list[Record]:
    rng = np.random.default_rng(seed)
    vocabulary = _words(rng, 60_000)
    zipf = 1.0 / np.arange(1, len(vocabulary) + 1) ** 1.05
    cumulative = np.cumsum(zipf / zipf.sum())
    section_words = [rng.choice(vocabulary[2000:], 400, replace=False) for _ in range(SECTIONS)]
    start = date(2015, 1, 1)
    records: list[Record] = []
    while len(records) < articles:
        section = int(rng.integers(SECTIONS))
        story_words = rng.choice(vocabulary[500:], 25, replace=False)
        story_day = start + timedelta(days=int(rng.integers(0, 3650)))
        for _ in range(int(rng.integers(1, 9))):
            if len(records) >= articles:
                break
            drawn = np.searchsorted(cumulative, rng.random(int(body_words * 0.6)))
            general = vocabulary[np.minimum(drawn, len(vocabulary) - 1)]
            topical = rng.choice(section_words[section], int(body_words * 0.25))
            story = rng.choice(story_words, int(body_words * 0.15))
            body = np.concatenate([general, topical, story])
            rng.shuffle(body)
            title = np.concatenate(
                [rng.choice(story_words, 4), rng.choice(section_words[section], 2)]
            )
            rng.shuffle(title)
            records.append(
                Record(
                    id=len(records) + 1,
                    title=" ".join(title).capitalize(),
                    body=" ".join(body),
                    date=story_day + timedelta(days=int(rng.integers(0, 6))),
                    section=f"section-{section}",
                )
            )
    return records


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m masthead.recommendations.bench")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args(argv)

    began = time.perf_counter()
    records = synthetic_archive(args.articles + 5)
    archive, newcomers = records[:-5], records[-5:]
    print(f"generated {len(archive):,} articles in {time.perf_counter() - began:.1f} s")
    print(f"peak RSS after generating: {peak_rss_mb():.0f} MB")

    began = time.perf_counter()
    index = SimilarityIndex.build(archive, k=args.k)
    print(f"full rebuild: {time.perf_counter() - began:.1f} s")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")

    for newcomer in newcomers:
        began = time.perf_counter()
        changed = index.add(newcomer)
        elapsed = time.perf_counter() - began
        print(f"one new article: {elapsed * 1000:.0f} ms, {len(changed) - 1} other lists changed")
    print(f"peak RSS at the end: {peak_rss_mb():.0f} MB")
    # Worker processes are counted once they have ended.
    get_reusable_executor().shutdown(wait=True)
    print(f"peak RSS of a worker process: {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    print(f"features kept per article: {index.features.nnz / len(index.ids):.0f}")


if __name__ == "__main__":
    main()
