"""Per-reader pieces of a shared page: explicit placeholders, filled in as the page is sent.

A template marks each per-reader part with ``{% reader_piece "meter-used" %}``,
which renders a placeholder no reader text can produce (rich text, headlines
and captions are escaped or sanitised, and none of them may hold an HTML
comment of this form). The rendered page is split at the placeholders once;
every response, rendered or from the cache, is then made by the same
:func:`fill`, so the two cannot differ.
"""

from __future__ import annotations

import re

from masthead.edge.delivery import Piece

PLACEHOLDER = "<!--masthead-piece:{name}-->"
_PLACEHOLDERS = re.compile(rb"<!--masthead-piece:([a-z-]+)-->")
_BY_NAME = {piece.value: piece for piece in Piece}

Parts = tuple[bytes | Piece, ...]


def placeholder(piece: Piece) -> str:
    return PLACEHOLDER.format(name=piece.value)


def split(content: bytes) -> Parts:
    """The page as literal bytes and the pieces between them."""
    parts: list[bytes | Piece] = []
    position = 0
    for match in _PLACEHOLDERS.finditer(content):
        piece = _BY_NAME.get(match.group(1).decode())
        if piece is None:
            continue
        parts.append(content[position : match.start()])
        parts.append(piece)
        position = match.end()
    parts.append(content[position:])
    return tuple(parts)


def fill(parts: Parts, values: dict[Piece, str]) -> bytes:
    """The page for one reader. A piece with no value is left empty, never guessed."""
    return b"".join(
        part if isinstance(part, bytes) else values.get(part, "").encode() for part in parts
    )
