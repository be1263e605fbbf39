"""Pieces of a shared page: explicit placeholders, filled in as the page is sent.

A template marks each part that is not the same for every reader or every
moment with ``{% reader_piece "meter-used" %}``, which renders a placeholder
no reader text can produce (rich text, headlines and captions are escaped or
sanitised, and none of them may hold an HTML comment of this form). The
rendered page is split at the placeholders once; every response, rendered or
from the cache, is then made by the same :func:`fill`, so the two cannot
differ.

Which pieces exist is not known here: the paywall, the appeal, the breaking
banner (and whatever comes next) register theirs in their ``AppConfig.ready()``
with :data:`pieces`, each with the rule for when a page carries it and a
filler that says what goes in it for one reader, this moment. The delivery
layer asks the registry; it names none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from masthead.core.registry import Registry

PLACEHOLDER = "<!--masthead-piece:{name}-->"
_PLACEHOLDERS = re.compile(rb"<!--masthead-piece:([a-z-]+)-->")

# Literal bytes, and the names of the pieces between them.
Parts = tuple[bytes | str, ...]


def _always(view) -> bool:
    return True


def _never() -> bool:
    return False


_answering: ContextVar = ContextVar("masthead_piece_request", default=None)


def answering():
    """The request whose page is being filled: for a filler that chooses per reader (a test)."""
    return _answering.get()


@dataclass(frozen=True)
class Piece:
    """A part of a shared page filled in as it is sent.

    ``per_reader``: the reader's own (their count, their cookie): a page that
    carries it is never shared with caches downstream.
    ``shown``: whether a page carries it, from the delivery's plain view of
    the reader (their kind, the paywall's outcome, whether the meter notice
    shows); a pure function, so the delivery decision stays one.
    ``varies``: whether, this moment, it differs from reader to reader though
    it is not theirs alone (a test of the ask is running): such a page is
    never shared downstream either, and its own cache still keeps one copy.
    """

    name: str
    per_reader: bool = False
    shown: Callable[[object], bool] = _always
    varies: Callable[[], bool] = _never


# (the names of the pieces a page holds, the paywall's access or None) -> {name: text}
Filler = Callable[[frozenset[str], object], dict[str, str]]


class PieceRegistry:
    """The pieces every installed feature adds to pages, and who fills them."""

    def __init__(self) -> None:
        self._pieces: dict[str, Piece] = {}
        self.fillers: Registry[Filler] = Registry("page piece fillers")
        self.all: tuple[Piece, ...] = ()
        self.names: frozenset[str] = frozenset()

    def register(self, piece: Piece) -> Piece:
        known = self._pieces.get(piece.name)
        if known is not None and known != piece:
            raise ValueError(f"The page piece {piece.name!r} is already registered otherwise.")
        self._pieces[piece.name] = piece
        self.all = tuple(self._pieces.values())
        self.names = frozenset(self._pieces)
        return piece

    def fills(self, filler: Filler) -> Filler:
        """Register ``filler`` (usable as a decorator). Fillers are asked in registration order."""
        return self.fillers.register(filler)

    def get(self, name: str) -> Piece | None:
        return self._pieces.get(name)

    def __iter__(self) -> Iterator[Piece]:
        return iter(self.all)

    def values_for(self, parts: Parts, access, request=None) -> dict[str, str]:
        """What goes in each piece of ``parts`` for this reader, now (``answering()``: whose)."""
        present = frozenset(part for part in parts if isinstance(part, str))
        values: dict[str, str] = {}
        if present:
            token = _answering.set(request)
            try:
                for filler in self.fillers:
                    values.update(filler(present, access))
            finally:
                _answering.reset(token)
        return values


pieces = PieceRegistry()


def placeholder(piece: Piece | str) -> str:
    return PLACEHOLDER.format(name=piece if isinstance(piece, str) else piece.name)


def split(content: bytes, known: Iterable[str] | None = None) -> Parts:
    """The page as literal bytes and the names of the pieces between them.

    A placeholder of a piece nobody registered (``known``, the registry by
    default) stays as it is: it is not a piece.
    """
    known = pieces.names if known is None else frozenset(known)
    parts: list[bytes | str] = []
    position = 0
    for match in _PLACEHOLDERS.finditer(content):
        name = match.group(1).decode()
        if name not in known:
            continue
        parts.append(content[position : match.start()])
        parts.append(name)
        position = match.end()
    parts.append(content[position:])
    return tuple(parts)


def fill(parts: Parts, values: dict[str, str]) -> bytes:
    """The page for one reader. A piece with no value is left empty, never guessed."""
    return b"".join(
        part if isinstance(part, bytes) else values.get(part, "").encode() for part in parts
    )
