"""Where kept pages live: one store shared by every worker and every server.

A page is kept under its key (the site's configured address and the path):
its :class:`Route` (what the page is, and the tags it depends on), and one
:class:`Kept` per variant, stamped with its tags' versions as they stood
before it was rendered (``versions.py``). A variant is served only while that
stamp is current, so invalidation never deletes: it bumps versions, and the
store's bound pushes out what is no longer read.

- :class:`RedisPageStore` with ``REDIS_URL``: shared by every server. A Lua
  script writes a variant and evicts the least recently written pages past
  the byte bound, in one step.
- :class:`DiskPageStore` on the embedded default: shared by the machine's
  worker processes through diskcache (files and a SQLite index in ``VAR_DIR``,
  bounded, least recently used first). Its writes never wait: a write that
  would wait for SQLite's lock is skipped, since it is only a copy.

In front of either, each process keeps the pages it served last in memory
(:class:`LocalPages`), so a hot page costs no round trip at all. Both stores
pass one contract suite (``tests/test_page_store_contract.py``).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache

import redis
from django.conf import settings

from masthead.core.pieces import Parts, fill
from masthead.core.versions import Stamp
from masthead.edge.delivery import PageFacts
from masthead.paywall.policy import ArticleFacts

log = logging.getLogger(__name__)

# What unpickling a page kept by an earlier release can raise (a class moved or renamed):
# such a page is a miss, rendered again and kept anew.
UNREADABLE = (AttributeError, ImportError, pickle.UnpicklingError, TypeError, ValueError)


@dataclass(frozen=True)
class Route:
    """What a kept path is: its page facts, its tags, and for an article what its meter needs."""

    page: PageFacts
    tags: tuple[str, ...] = ()
    facts: ArticleFacts | None = None


@dataclass(frozen=True)
class SharedResponse:
    status: int
    headers: tuple[tuple[str, str], ...]
    parts: Parts  # literal bytes, and the per-reader pieces between them

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.parts if isinstance(p, bytes))

    def body(self, values: dict[str, str]) -> bytes:
        return fill(self.parts, values)


@dataclass(frozen=True)
class Kept:
    """A variant as rendered: its tags' versions then, and their at-once companions' then.

    ``at_once``: the versions of ``versions.at_once_tags(route.tags)`` before it was
    rendered; while they hold, it may be sent for a few seconds after going out of date.
    """

    stamp: Stamp
    response: SharedResponse
    at_once: Stamp | None = None


@dataclass
class Page:
    route: Route
    variants: dict[str, Kept] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(kept.response.size for kept in self.variants.values())


class SharedStore(ABC):
    """The contract every shared store keeps (``tests/test_page_store_contract.py``)."""

    @abstractmethod
    def get(self, key: str) -> Page | None:
        """The page and every variant kept for it, or None."""

    @abstractmethod
    def put(self, key: str, route: Route, variant: str, kept: Kept) -> None:
        """Keep one variant; a different route replaces the page's other variants."""

    @abstractmethod
    def claim(self, key: str, variant: str, seconds: float) -> bool:
        """Whether this caller is the one to render the variant now (no stampede)."""

    @abstractmethod
    def release(self, key: str, variant: str) -> None:
        """The render is done (or abandoned): the next caller may claim it."""

    @abstractmethod
    def size(self) -> int:
        """Bytes kept, as the store counts them against its bound."""

    @abstractmethod
    def clear(self) -> None:
        """Forget every kept page (tests)."""


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


class RedisPageStore(SharedStore):
    PUT = """
local page, index, total_key = KEYS[1], KEYS[2], KEYS[3]
local route, variant, value = ARGV[1], ARGV[2], ARGV[3]
local now, limit = tonumber(ARGV[4]), tonumber(ARGV[5])
local old_route = redis.call('HGET', page, '__route__')
local freed = 0
if old_route and old_route ~= route then
  for _, v in ipairs(redis.call('HVALS', page)) do freed = freed + #v end
  redis.call('DEL', page)
  old_route = false
else
  freed = redis.call('HSTRLEN', page, variant)
end
local added = #value
if not old_route then
  redis.call('HSET', page, '__route__', route)
  added = added + #route
end
redis.call('HSET', page, variant, value)
redis.call('ZADD', index, now, page)
local total = redis.call('INCRBY', total_key, added - freed)
while total > limit do
  local oldest = redis.call('ZPOPMIN', index)
  if #oldest == 0 then break end
  if oldest[1] == page then
    redis.call('ZADD', index, now, page)
    break
  end
  local size = 0
  for _, v in ipairs(redis.call('HVALS', oldest[1])) do size = size + #v end
  redis.call('DEL', oldest[1])
  total = redis.call('DECRBY', total_key, size)
end
return total
"""

    def __init__(self, url: str, prefix: str, max_bytes: int, timeout: float = 0.5):
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self._put = self.client.register_script(self.PUT)

    def _page(self, key: str) -> str:
        return f"{self.prefix}:page:{_digest(key)}"

    def get(self, key: str) -> Page | None:
        try:
            fields = self.client.hgetall(self._page(key))
        except redis.RedisError as error:
            log.warning("Shared page store unavailable: %s", error)
            return None
        route = fields.pop(b"__route__", None)
        if route is None:
            return None
        try:
            page = Page(pickle.loads(route))  # noqa: S301 - written by this store only
            for name, value in fields.items():
                page.variants[name.decode()] = pickle.loads(value)  # noqa: S301
        except UNREADABLE as error:
            log.warning("Kept page written by another release, rendered again: %s", error)
            return None
        return page

    def put(self, key: str, route: Route, variant: str, kept: Kept) -> None:
        try:
            self._put(
                keys=[self._page(key), f"{self.prefix}:index", f"{self.prefix}:bytes"],
                args=[
                    pickle.dumps(route),
                    variant,
                    pickle.dumps(kept),
                    time.time(),
                    self.max_bytes,
                ],
            )
        except redis.RedisError as error:
            log.warning("Shared page store unavailable, page not kept: %s", error)

    def claim(self, key: str, variant: str, seconds: float) -> bool:
        try:
            name = f"{self.prefix}:fill:{_digest(key)}:{variant}"
            return bool(self.client.set(name, 1, nx=True, px=int(seconds * 1000)))
        except redis.RedisError:
            return True  # render it: the store is away anyway

    def release(self, key: str, variant: str) -> None:
        try:
            self.client.delete(f"{self.prefix}:fill:{_digest(key)}:{variant}")
        except redis.RedisError:
            pass

    def size(self) -> int:
        return int(self.client.get(f"{self.prefix}:bytes") or 0)

    def clear(self) -> None:
        # Only the store's own keys: the page versions live under the same prefix,
        # and wiping them would start a new epoch under every process's feet.
        versions = f"{self.prefix}:versions"
        for key in self.client.scan_iter(match=f"{self.prefix}:*", count=1000):
            if key != versions and key != versions.encode():
                self.client.delete(key)


def _name(*parts: str) -> str:
    """A diskcache key: a string is stored as it is, where a tuple is pickled and the pickle
    optimised on every get and set (the most of a kept page's write, on a miss)."""
    return "\x1f".join(parts)  # the unit separator: in no address and no variant's name


class DiskPageStore(SharedStore):
    def __init__(self, directory, max_bytes: int):
        import diskcache

        self.directory = directory
        self.max_bytes = max_bytes
        # timeout=0: a write that would wait for SQLite's lock is skipped, never slept on.
        self.cache = diskcache.Cache(
            str(directory), size_limit=max_bytes, timeout=0, eviction_policy="least-recently-stored"
        )
        self._timeout = diskcache.Timeout

    def get(self, key: str) -> Page | None:
        try:
            route = self.cache.get(_name("route", key))
            if route is None:
                return None
            page = Page(route)
            for variant in self.cache.get(_name("variants", key)) or ():
                kept = self.cache.get(_name("variant", key, variant))
                if kept is not None:
                    page.variants[variant] = kept
            return page
        except self._timeout:
            return None
        except UNREADABLE as error:
            log.warning("Kept page written by another release, rendered again: %s", error)
            return None

    def put(self, key: str, route: Route, variant: str, kept: Kept) -> None:
        try:
            with self.cache.transact():
                names = set(self.cache.get(_name("variants", key)) or ())
                if self.cache.get(_name("route", key)) != route:
                    for name in names:
                        self.cache.delete(_name("variant", key, name))
                    names = set()
                    self.cache.set(_name("route", key), route)
                self.cache.set(_name("variant", key, variant), kept)
                self.cache.set(_name("variants", key), tuple(sorted(names | {variant})))
        except self._timeout:
            pass  # busy: another process is writing; this copy is not needed

    def claim(self, key: str, variant: str, seconds: float) -> bool:
        try:
            return self.cache.add(_name("fill", key, variant), 1, expire=seconds)
        except self._timeout:
            return True

    def release(self, key: str, variant: str) -> None:
        try:
            self.cache.delete(_name("fill", key, variant))
        except self._timeout:
            pass

    def size(self) -> int:
        return self.cache.volume()

    def clear(self) -> None:
        self.cache.clear()


class LocalPages:
    """This process's most recently served pages, bounded by bytes, least recently used first."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.pages: OrderedDict[str, Page] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> Page | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: Page) -> None:
        with self.lock:
            previous = self.pages.pop(key, None)
            if previous is not None:
                self.size -= previous.size
            self.pages[key] = page
            self.size += page.size
            while self.size > self.max_bytes and len(self.pages) > 1:
                _, dropped = self.pages.popitem(last=False)
                self.size -= dropped.size

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0


class PageCache:
    """The local copy in front of the shared store."""

    FILL_SECONDS = 5.0

    def __init__(self, shared: SharedStore, local: LocalPages):
        self.shared = shared
        self.local = local

    def page(self, key: str) -> Page | None:
        page = self.local.get(key)
        if page is None:
            page = self.shared.get(key)
            if page is not None:
                self.local.put(key, page)
        return page

    def kept(self, key: str, variant: str, stamp: Stamp) -> Kept | None:
        """The newest copy of the variant kept: current if any is, looking past a stale
        local copy once; else the out-of-date one, for ``may_send_stale`` to judge."""
        page = self.local.get(key)
        kept = page.variants.get(variant) if page else None
        if kept is None or kept.stamp != stamp:
            page = self.shared.get(key)
            if page is not None:
                self.local.put(key, page)
                kept = page.variants.get(variant) or kept
        return kept

    def variant(self, key: str, variant: str, stamp: Stamp) -> SharedResponse | None:
        """The kept variant if its stamp is current."""
        kept = self.kept(key, variant, stamp)
        return kept.response if kept is not None and kept.stamp == stamp else None

    def put(self, key: str, route: Route, variant: str, kept: Kept) -> None:
        self.shared.put(key, route, variant, kept)
        page = self.local.get(key)
        if page is None or page.route != route:
            page = Page(route)
        page = Page(route, {**page.variants, variant: kept})
        self.local.put(key, page)

    def wait_for(self, key: str, variant: str, stamp: Stamp, seconds: float = 2.0):
        """Another process is rendering this variant: its copy, once kept, or None."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(0.01)
            page = self.shared.get(key)
            kept = page.variants.get(variant) if page else None
            if kept is not None and kept.stamp == stamp:
                self.local.put(key, page)
                return kept.response
        return None

    def clear(self) -> None:
        self.local.clear()
        self.shared.clear()


@cache
def page_cache() -> PageCache:
    options = settings.MASTHEAD_EDGE
    if options.get("redis_url"):
        shared: SharedStore = RedisPageStore(
            options["redis_url"], options["prefix"], options["shared_max_bytes"]
        )
    else:
        shared = DiskPageStore(options["pages_dir"], options["shared_max_bytes"])
    return PageCache(shared, LocalPages(options["max_bytes"]))
