"""Build data/topics-dev/gnad_sections.jsonl from the 10kGNAD test split.

Full-length articles of one paper (DER STANDARD, Vienna) labelled by the
coarse section the paper filed them under (sport, politics at home, the
world, business, culture, science, the web, media, "panorama"), for
measuring similar stories where "similar" means "in the same section".
Usage::

    python tools/topics-dev/build_gnad_sections.py SOURCE OUT.jsonl

SOURCE is either the ``test.csv`` of the Ten Thousand German News Articles
Dataset or a git directory whose HEAD has it (the GitHub repository
``tblock/10kGNAD``). Every article of that split is kept (the dataset's own
stratified 10% sample of its 10,273 articles, not chosen here) except exact
and near duplicates (TF-IDF cosine of the texts above ``NEAR_DUPLICATE``, the
first kept) and articles under ``MIN_WORDS`` words. The dataset gives each
article as its standfirst (the sub-headline above the text) followed by the
text, with no headline: the first sentence stands in for the title and the
rest is the body. It has no dates.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

MIN_WORDS = 100
NEAR_DUPLICATE = 0.8


def read_csv(source: Path) -> str:
    if source.is_file():
        return source.read_text(encoding="utf-8")
    shown = subprocess.run(
        ["git", "--git-dir", str(source), "show", "HEAD:test.csv"], capture_output=True, check=True
    )
    return shown.stdout.decode("utf-8")


def split_title(text: str) -> tuple[str, str]:
    """The first sentence and the rest (the whole text is the title when it is one sentence)."""
    found = re.search(r"(?<=[.!?:])\s+(?=[A-ZÄÖÜ0-9„\"])", text)
    if not found or found.start() > 400:
        return text[:200].rsplit(" ", 1)[0], text
    return text[: found.start()].strip(), text[found.end() :].strip()


def parse(text: str) -> list[dict]:
    articles = []
    rows = csv.reader(io.StringIO(text), delimiter=";", quotechar="'")
    for number, row in enumerate(rows, start=1):
        section, content = row[0], " ".join(row[1].split())
        title, body = split_title(content)
        articles.append(
            {
                "id": f"gnad-{number}",
                "title": title,
                "body": body,
                "date": None,
                "category": section,
                "story_id": None,
                "source": "10kGNAD (DER STANDARD)",
            }
        )
    return articles


def select(articles: list[dict]) -> list[dict]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    long_enough = [a for a in articles if len(f"{a['title']} {a['body']}".split()) >= MIN_WORDS]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(
        [f"{a['title']} {a['body']}" for a in long_enough]
    )
    similarity = (matrix @ matrix.T).toarray()
    dropped = set()
    for i in range(len(long_enough)):
        if i in dropped:
            continue
        for j in range(i + 1, len(long_enough)):
            if similarity[i, j] > NEAR_DUPLICATE:
                dropped.add(j)
    return [article for i, article in enumerate(long_enough) if i not in dropped]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    chosen = select(parse(read_csv(args.source)))
    with args.out.open("w", encoding="utf-8") as handle:
        for article in chosen:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    counts = Counter(article["category"] for article in chosen)
    words = sorted(len(f"{a['title']} {a['body']}".split()) for a in chosen)
    print(f"{len(chosen)} articles, {len(counts)} sections, median {words[len(words) // 2]} words")
    print(", ".join(f"{section} {n}" for section, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
