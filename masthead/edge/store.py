"""Rendered pages kept in this process's memory, for one content generation.

Bounded by bytes: the least recently used pages go first. A new generation
empties the store, since everything in it may be out of date. Keys are the
site's own address and the path, never the request's spelling of the host, so
the store holds at most one entry per page the site really has.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from masthead.edge.delivery import PageFacts, Piece
from masthead.edge.pieces import Parts, fill
from masthead.paywall.policy import ArticleFacts, MeterRules


@dataclass(frozen=True)
class Route:
    """What a kept path is: its page facts, and for an article what its meter needs."""

    page: PageFacts
    facts: ArticleFacts | None = None
    rules: MeterRules | None = None


@dataclass(frozen=True)
class SharedResponse:
    status: int
    headers: tuple[tuple[str, str], ...]
    parts: Parts  # literal bytes, and the per-reader pieces between them

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.parts if isinstance(p, bytes))

    def body(self, values: dict[Piece, str]) -> bytes:
        return fill(self.parts, values)


@dataclass
class Entry:
    route: Route
    variants: dict[str, SharedResponse] = field(default_factory=dict)


class PageStore:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.generation: bytes | None = None
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def _start(self, generation: bytes) -> None:
        if generation != self.generation:
            self.generation = generation
            self.entries.clear()
            self.size = 0

    def get(self, generation: bytes, path: str) -> Entry | None:
        with self.lock:
            self._start(generation)
            entry = self.entries.get(path)
            if entry is not None:
                self.entries.move_to_end(path)
            return entry

    def put(self, generation: bytes, path: str, route: Route, variant: str, response) -> None:
        with self.lock:
            self._start(generation)
            entry = self.entries.get(path)
            if entry is None or entry.route != route:
                if entry is not None:
                    self.size -= sum(v.size for v in entry.variants.values())
                entry = self.entries[path] = Entry(route)
            previous = entry.variants.get(variant)
            if previous is not None:
                self.size -= previous.size
            entry.variants[variant] = response
            self.size += response.size
            while self.size > self.max_bytes and len(self.entries) > 1:
                _, dropped = self.entries.popitem(last=False)
                self.size -= sum(v.size for v in dropped.variants.values())

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0
            self.generation = None


_store: PageStore | None = None


def page_store() -> PageStore:
    global _store
    if _store is None:
        from django.conf import settings

        _store = PageStore(settings.MASTHEAD_EDGE["max_bytes"])
    return _store
