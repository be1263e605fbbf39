"""The offline commands, usable with or without Django.

``python -m masthead.recommendations.cli similar --corpus FILE --k 10 [--explain] [--id ID]``
(``--explain``: each similar article with its reasons) and
``... similar-eval --corpus FILE --label story_id [--no-body] [--engine ENGINE]``
(``masthead``, the default; ``baseline``, plain TF-IDF; ``masthead-embeddings``,
with sentence vectors from the optional ``embeddings`` extra); the
management commands ``masthead similar`` and ``masthead similar-eval`` call
the same functions. Bad input is reported on standard error with its line
number and exit status 2, and nothing is written to standard output.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from dataclasses import replace
from typing import TextIO

from masthead.recommendations.baseline import baseline_similar_lists
from masthead.recommendations.engine import EngineSettings, SimilarityIndex, similar_lists
from masthead.recommendations.explain import explained_list
from masthead.recommendations.metrics import Quality, leave_one_out_quality
from masthead.recommendations.records import CorpusError, load_corpus
from masthead.recommendations.semantic import embeddings_available

BAD_INPUT = 2
ENGINES = ["masthead", "baseline", "masthead-embeddings"]


def add_similar_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", required=True, help="JSONL file, one article per line")
    parser.add_argument("--k", type=int, default=10, help="how many similar articles per line")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="give each similar article with its reasons: shared words, same story, "
        "same section, same topics, close in time",
    )
    parser.add_argument("--id", dest="article", help="only this article's list")


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", required=True, help="JSONL file, one article per line")
    parser.add_argument("--label", required=True, help="field naming each record's group")
    parser.add_argument(
        "--no-body", action="store_true", help="leave the bodies out: headlines only"
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="masthead",
        help=(
            "'baseline' is plain TF-IDF, for comparison; 'masthead-embeddings' adds sentence "
            "vectors and needs the optional extra: pip install 'masthead[embeddings]'"
        ),
    )


def run_similar(
    corpus: str,
    k: int,
    *,
    stdout: TextIO,
    stderr: TextIO,
    explain: bool = False,
    article: str | None = None,
) -> int:
    if k < 1:
        stderr.write("similar: --k must be at least 1\n")
        return BAD_INPUT
    try:
        records = load_corpus(corpus)
    except CorpusError as error:
        stderr.write(f"similar: {error}\n")
        return BAD_INPUT
    by_id = {r.id: r for r in records}
    # Ids are read from JSON as strings or integers; --id is always a string.
    wanted = records if article is None else [r for r in records if str(r.id) == article]
    if not wanted:
        stderr.write(f"similar: no article with id {article!r} in {corpus}\n")
        return BAD_INPUT
    index = SimilarityIndex.build(records, k=k) if records else None
    lines = []
    for record in wanted:
        if explain:
            similar = [
                {"id": other, "reasons": [str(reason) for reason in found]}
                for other, found in explained_list(index, by_id, record.id, k)
            ]
        else:
            similar = index.similar(record.id, k)
        lines.append(json.dumps({"id": record.id, "similar": similar}, ensure_ascii=False))
    # Written only once everything is computed: no half output on failure.
    stdout.write("".join(line + "\n" for line in lines))
    return 0


def format_quality(quality: Quality) -> str:
    return (
        f"P@5 {quality.p_at_5:.4f}  P@10 {quality.p_at_10:.4f}  "
        f"nDCG@10 {quality.ndcg_at_10:.4f}  ({quality.queries} queries)"
    )


def run_eval(
    corpus: str, label: str, *, no_body: bool, engine: str, stdout: TextIO, stderr: TextIO
) -> int:
    try:
        records = load_corpus(corpus)
    except CorpusError as error:
        stderr.write(f"similar-eval: {error}\n")
        return BAD_INPUT
    labels = {r.id: r.labels.get(label) for r in records}
    if all(value is None for value in labels.values()):
        stderr.write(f"similar-eval: no record has a '{label}' label\n")
        return BAD_INPUT
    if no_body:
        records = [replace(r, body="") for r in records]
    if engine == "masthead-embeddings" and not embeddings_available():
        stderr.write(
            "similar-eval: the 'masthead-embeddings' engine needs the optional extra: "
            "pip install 'masthead[embeddings]'\n"
        )
        return BAD_INPUT
    compute = {
        "masthead": similar_lists,
        "baseline": baseline_similar_lists,
        "masthead-embeddings": functools.partial(
            similar_lists, settings=EngineSettings(embeddings=True)
        ),
    }[engine]
    quality = leave_one_out_quality(compute(records, k=10), labels)
    stdout.write(format_quality(quality) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m masthead.recommendations.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    add_similar_arguments(commands.add_parser("similar", help="similar articles, as JSONL"))
    add_eval_arguments(commands.add_parser("similar-eval", help="leave-one-out quality"))
    args = parser.parse_args(argv)
    if args.command == "similar":
        return run_similar(
            args.corpus,
            args.k,
            stdout=sys.stdout,
            stderr=sys.stderr,
            explain=args.explain,
            article=args.article,
        )
    return run_eval(
        args.corpus,
        args.label,
        no_body=args.no_body,
        engine=args.engine,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
