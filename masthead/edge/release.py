"""The mark of this release's templates and static files, part of every kept page's key.

A kept page is the HTML of the templates that made it. After an upgrade
changes a template or a stylesheet, a page kept by the release before would
go on being sent until something in it was published again, with the old
header, or a link to a stylesheet that is gone. With the mark in the key, a
new release starts with a cache of its own; the old entries age out.

The mark hashes the files' contents, not their times, so every server of one
release, on any machine, shares the same kept pages.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

SUFFIXES = frozenset({".html", ".txt", ".xml", ".css", ".js", ".woff2", ".svg", ".png"})


@cache
def release_mark() -> str:
    root = Path(__file__).resolve().parents[1]  # the masthead package
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(root.rglob("*")):
        if path.suffix in SUFFIXES and ("templates" in path.parts or "static" in path.parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
