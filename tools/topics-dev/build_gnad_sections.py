"""Build the DER STANDARD sections set (`make eval` writes it to .eval-data/gnad_sections.jsonl).

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
import re
import sys
from pathlib import Path

from common import git_show, without_near_duplicates, write_and_report

MIN_WORDS = 100


def read_csv(source: Path) -> str:
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return git_show(source, "test.csv").decode("utf-8")


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


def full_text(article: dict) -> str:
    return f"{article['title']} {article['body']}"


def select(articles: list[dict]) -> list[dict]:
    long_enough = [a for a in articles if len(full_text(a).split()) >= MIN_WORDS]
    return without_near_duplicates(long_enough, full_text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    chosen = select(parse(read_csv(args.source)))
    write_and_report(chosen, args.out, noun="articles", groups="sections", text=full_text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
