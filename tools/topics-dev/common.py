"""What the topics-dev builders share: reading a source, dropping near duplicates, writing JSONL.

The sources are public research collections that are not ours to ship, so
the sets are built on the measuring machine from a copy of the source and
never committed (``make eval`` builds them into ``.eval-data/``).
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

NEAR_DUPLICATE = 0.8


def git_show(git_dir: Path, path: str) -> bytes:
    """The file at ``path`` in the HEAD of a bare or ordinary git directory."""
    shown = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], capture_output=True, check=True
    )
    return shown.stdout


def without_near_duplicates(items: list[dict], text: Callable[[dict], str]) -> list[dict]:
    """The items less any whose TF-IDF cosine with an earlier one is above ``NEAR_DUPLICATE``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([text(item) for item in items])
    similarity = (matrix @ matrix.T).toarray()
    dropped = set()
    for i in range(len(items)):
        if i in dropped:
            continue
        for j in range(i + 1, len(items)):
            if similarity[i, j] > NEAR_DUPLICATE:
                dropped.add(j)
    return [item for i, item in enumerate(items) if i not in dropped]


def write_and_report(
    items: list[dict], out: Path, *, noun: str, groups: str, text: Callable[[dict], str]
) -> None:
    """One JSON line per item, then a two-line summary: counts, median words, each group's size."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    counts = Counter(item["category"] for item in items)
    words = sorted(len(text(item).split()) for item in items)
    print(f"{len(items)} {noun}, {len(counts)} {groups}, median {words[len(words) // 2]} words")
    print(", ".join(f"{group} {n}" for group, n in sorted(counts.items())))
