"""Build the Reuters subjects set (`make eval` writes it to .eval-data/reuters_subjects.jsonl).

Full-length newswire stories labelled by one subject, for measuring similar
stories where "similar" means "about the same subject" rather than "the same
developing story". Usage::

    python tools/topics-dev/build_reuters_subjects.py SOURCE OUT.jsonl

SOURCE is either a folder holding ``reut2-000.sgm`` ... ``reut2-021.sgm`` or
a git directory whose HEAD has them under ``sgm-data/`` (the GitHub copy
``mihaibogdan10/json-reuters-21578``). The selection is deterministic:

* stories with exactly one TOPICS label, a title and a body of at least
  ``MIN_WORDS`` words (the wire's flashes and one-paragraph results are not
  what a paper's similar-stories list is for);
* exact duplicates (same normalised body) and near duplicates (TF-IDF cosine
  of the bodies above ``NEAR_DUPLICATE``) dropped, the first by NEWID kept;
* subjects with fewer than ``MIN_PER_SUBJECT`` stories left out, and at most
  ``MAX_PER_SUBJECT`` per subject kept (a seeded random sample), so that two
  large subjects do not make up most of the queries.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from common import git_show, without_near_duplicates, write_and_report

MIN_WORDS = 200
MIN_PER_SUBJECT = 20
MAX_PER_SUBJECT = 150
SEED = 18
FILES = [f"reut2-{i:03d}.sgm" for i in range(22)]


def read_sgml(source: Path) -> list[str]:
    if (source / FILES[0]).exists():
        return [(source / name).read_bytes().decode("latin-1") for name in FILES]
    return [git_show(source, f"sgm-data/{name}").decode("latin-1") for name in FILES]


def field(inner: str, tag: str) -> str | None:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", inner, re.S)
    return html.unescape(found.group(1)) if found else None


def paragraphs(body: str) -> str:
    """The wire's fixed-width lines joined back into paragraphs (an indent starts one)."""
    body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", body.replace("\x03", "")).rstrip()
    parts, current = [], []
    for line in body.splitlines():
        if line.startswith("    ") and current:
            parts.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line.strip())
    if current:
        parts.append(" ".join(current))
    return "\n\n".join(parts)


def parse(texts: list[str]) -> list[dict]:
    stories = []
    for text in texts:
        for attributes, inner in re.findall(r"<REUTERS (.*?)>(.*?)</REUTERS>", text, re.S):
            topics = re.findall(r"<D>(.*?)</D>", field(inner, "TOPICS") or "")
            title, body = field(inner, "TITLE"), field(inner, "BODY")
            if len(topics) != 1 or not title or not body:
                continue
            newid = int(re.search(r'NEWID="(\d+)"', attributes).group(1))
            day = re.match(r"\s*(\d{1,2}-[A-Z]{3}-\d{4})", field(inner, "DATE")).group(1)
            when = datetime.strptime(day, "%d-%b-%Y").date()
            stories.append(
                {
                    "id": f"reuters-{newid}",
                    "title": " ".join(title.split()),
                    "body": paragraphs(body),
                    "date": when.isoformat(),
                    "category": topics[0],
                    "story_id": None,
                    "source": "Reuters-21578",
                }
            )
    return sorted(stories, key=lambda story: int(story["id"].split("-")[1]))


def without_duplicates(stories: list[dict]) -> list[dict]:
    seen, unique = set(), []
    for story in stories:
        key = " ".join(re.findall(r"\w+", story["body"].lower()))
        if key not in seen:
            seen.add(key)
            unique.append(story)
    return without_near_duplicates(unique, lambda story: story["body"])


def select(stories: list[dict]) -> list[dict]:
    long_enough = [s for s in stories if len(s["body"].split()) >= MIN_WORDS]
    unique = without_duplicates(long_enough)
    by_subject = defaultdict(list)
    for story in unique:
        by_subject[story["category"]].append(story)
    rng = random.Random(SEED)
    chosen = []
    for subject in sorted(by_subject):
        members = by_subject[subject]
        if len(members) < MIN_PER_SUBJECT:
            continue
        if len(members) > MAX_PER_SUBJECT:
            members = sorted(rng.sample(members, MAX_PER_SUBJECT), key=lambda s: s["id"])
        chosen.extend(members)
    return sorted(chosen, key=lambda story: int(story["id"].split("-")[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    chosen = select(parse(read_sgml(args.source)))
    write_and_report(
        chosen, args.out, noun="stories", groups="subjects", text=lambda story: story["body"]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
