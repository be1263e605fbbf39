"""Tag versions: what a kept page was made from, and whether that is still current.

A kept page names the tags it depends on (``site``, ``page:42``,
``listing:7``, ``rules`` …) and carries their versions as they stood before
it was rendered. A change bumps only the tags it touches: a publish bumps the
story, its section's and the front page's listings; a new metering rule bumps
``rules``; a draft save bumps nothing. A page is served from the cache only
while every one of its tags still has the version it was kept with.

With Redis (several servers) the versions are one Redis hash. Each process
keeps a copy in memory, refreshed by a thread subscribed to a channel on
which every bump is published, so checking a page costs no round trip, and
the process that bumps knows at once. The hash carries an epoch made when it
is first written: a Redis that restarts empty makes a new one, so no page
kept under the old counts passes for current. While Redis cannot be reached
no version is known and nothing is served from the cache.

On the embedded default each tag is a small file in ``VAR_DIR``, replaced on
a bump; its identity is the version, shared by the machine's processes.

A change is made either at once or with a few seconds' grace. A bump with
``stale_ok`` (a story published: the fronts listing it, the stories whose
similar lists now show it) lets a kept page be sent as it was for a few
seconds more while it is rendered again off the reader's path. Any other bump
(the default: a page edited, unpublished or corrected, new rules, page privacy)
also bumps each tag's companion ``now:<tag>``; a page is sent stale only while
its companions' versions are those it was kept with (:func:`at_once_tags`),
and only for a few seconds after its tags last changed (``changed_at``).

Every floor uses them: the delivery layer keeps pages under tags, the access
service keeps accounts' kinds and the rules, and each feature says which tags
its own rows touch (:func:`bump_on_change`, in its ``AppConfig.ready()``).
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import redis
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

log = logging.getLogger(__name__)

Stamp = tuple[str, ...]

AT_ONCE = "now:"


def at_once_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """The companions of ``tags``: bumped only by changes readers must see at once."""
    return tuple(AT_ONCE + tag for tag in tags)


class RedisVersions:
    BUMP = """
local epoch = redis.call('HGET', KEYS[1], '__epoch__')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], '__epoch__', epoch)
  redis.call('PUBLISH', KEYS[1], '__epoch__=' .. epoch)
end
local counts = {epoch}
for i = 2, #ARGV do
  local v = redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
  redis.call('PUBLISH', KEYS[1], ARGV[i] .. '=' .. v)
  counts[i] = v
end
return counts
"""
    RETRY_SECONDS = 0.5
    PING_SECONDS = 5.0

    def __init__(self, url: str, key: str, timeout: float = 0.5, bump_timeout: float = 3.0):
        self.key = key
        self.url = url
        # A bump is a change the newsroom or a reader made: on a busy Redis it
        # waits longer for its answer than a read on the way to a page would.
        self.client = redis.Redis.from_url(
            url, socket_timeout=bump_timeout, socket_connect_timeout=timeout, decode_responses=True
        )
        self._bump = self.client.register_script(self.BUMP)
        self._versions: dict[str, int] = {}
        self._changed: dict[str, float] = {}  # when this process heard each tag move
        self._epoch: str | None = None  # None while Redis is out of reach
        self._read_epoch: str | None = None  # the epoch self._versions were counted under
        self._watcher_pid: int | None = None
        self._lock = threading.Lock()

    def stamp(self, tags: Iterable[str]) -> Stamp | None:
        if self._watcher_pid != os.getpid():
            self._start_watching()
        epoch, versions = self._epoch, self._versions
        if epoch is None:
            return None
        return (epoch, *(str(versions.get(tag, 0)) for tag in tags))

    def changed_at(self, tags: Iterable[str]) -> float:
        """When any of ``tags`` last moved, as heard here (0.0: not heard since this process
        read the versions, which is treated as long ago)."""
        changed = self._changed
        return max((changed.get(tag, 0.0) for tag in tags), default=0.0)

    def bump(self, tags: Iterable[str]) -> None:
        tags = list(dict.fromkeys(tags))
        if not tags:
            return
        try:
            epoch, *counts = self._bump(keys=[self.key], args=[secrets.token_hex(8), *tags])
        except redis.RedisError as error:
            # The bump may have been made with its answer lost (a timeout on
            # a busy machine): until the versions are read again, this process
            # knows none, so nothing kept passes for current. They are read
            # here at once; if Redis cannot answer that either, the watcher
            # reads them on its next wake.
            with self._lock:
                self._epoch = None
            log.error("Page versions not advanced or not heard back (Redis): %s", error)
            try:
                self._read_all(self.client)
            except redis.RedisError:
                pass
            return
        self._heard(dict(zip(tags, map(int, counts), strict=True)), epoch)

    def _heard(self, counts: dict[str, int], epoch: str | None = None) -> None:
        with self._lock:
            if epoch is not None and epoch != self._epoch:
                return  # a Redis restarted since, or versions unknown: the watcher reads all
            versions, changed, now = dict(self._versions), dict(self._changed), time.time()
            for tag, count in counts.items():
                # Messages can cross a bump made here: versions only go up.
                if count > versions.get(tag, 0):
                    versions[tag] = count
                    changed[tag] = now
            self._versions, self._changed = versions, changed

    def _start_watching(self) -> None:
        with self._lock:
            if self._watcher_pid == os.getpid():
                return
            self._epoch = None
            self._watcher_pid = os.getpid()
            threading.Thread(target=self._watch, name="page-versions", daemon=True).start()
        # A moment for the first read, so the first request need not miss.
        for _ in range(40):
            if self._epoch is not None:
                break
            time.sleep(0.005)

    def _read_all(self, client) -> None:
        everything = client.hgetall(self.key)
        epoch = everything.pop("__epoch__", None)
        if epoch is None:
            epoch = self._bump(keys=[self.key], args=[secrets.token_hex(8)], client=client)[0]
        read = {tag: int(v) for tag, v in everything.items()}
        with self._lock:
            if epoch == self._read_epoch:
                # A bump heard while this read was on its way is newer than the read.
                for tag, count in self._versions.items():
                    read[tag] = max(read.get(tag, 0), count)
            self._versions, self._epoch, self._read_epoch = read, epoch, epoch

    def _watch(self) -> None:
        client = redis.Redis.from_url(
            self.url, socket_connect_timeout=self.RETRY_SECONDS, decode_responses=True
        )
        was_down = False
        while True:
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.key)
                self._read_all(client)
                if was_down:
                    log.warning("Shared page cache back on: Redis reachable again")
                    was_down = False
                next_ping = time.monotonic() + self.PING_SECONDS
                while True:
                    message = pubsub.get_message(timeout=self.PING_SECONDS)
                    if self._epoch is None:
                        self._read_all(client)  # a bump here lost its answer
                    if time.monotonic() >= next_ping:
                        # A quiet channel or a dead connection: a ping tells them apart.
                        pubsub.ping()
                        next_ping = time.monotonic() + self.PING_SECONDS
                    if message is None or message["type"] != "message":
                        continue
                    tag, _, value = message["data"].rpartition("=")
                    if tag == "__epoch__":
                        if value != self._epoch:
                            self._read_all(client)  # Redis restarted empty
                    else:
                        self._heard({tag: int(value)})
            except (redis.RedisError, OSError, ValueError) as error:
                self._epoch = None
                if not was_down:
                    log.warning("Shared page cache off: page versions unreadable: %s", error)
                    was_down = True
                time.sleep(self.RETRY_SECONDS)


class FileVersions:
    """One file per tag; a bump replaces it, and its identity is the version."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        # Plain strings: a kept page checks several tags on every request, and a
        # pathlib join cost more than the stat itself.
        self._prefix = os.path.join(self.directory, "")

    def _path(self, tag: str) -> str:
        return self._prefix + tag.replace(":", "-").replace("/", "-")

    def _version(self, tag: str) -> str | None:
        try:
            stat = os.stat(self._path(tag))
        except FileNotFoundError:
            return "0"  # never bumped (tag files are never removed)
        except OSError:
            return None
        return f"{stat.st_ino}.{stat.st_mtime_ns}.{stat.st_size}"

    def stamp(self, tags: Iterable[str]) -> Stamp | None:
        versions = []
        for tag in tags:
            version = self._version(tag)
            if version is None:
                return None
            versions.append(version)
        return tuple(versions)

    def changed_at(self, tags: Iterable[str]) -> float:
        """When any of ``tags`` last moved: its file's modification time."""
        latest = 0.0
        for tag in tags:
            try:
                latest = max(latest, os.stat(self._path(tag)).st_mtime)
            except OSError:
                continue
        return latest

    def bump(self, tags: Iterable[str]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for tag in dict.fromkeys(tags):
            path = Path(self._path(tag))
            temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
            temporary.write_text(secrets.token_hex(8))
            os.replace(temporary, path)


@cache
def page_versions() -> RedisVersions | FileVersions:
    options = settings.MASTHEAD_EDGE
    if options.get("redis_url"):
        return RedisVersions(options["redis_url"], f"{options['prefix']}:versions")
    return FileVersions(options["versions_dir"])


def bump(*tags: str, stale_ok: bool = False) -> None:
    """Pages depending on any of ``tags`` are out of date: now, here and on every server.

    ``stale_ok``: their kept copies may still be sent for a few seconds while they are
    rendered again (a story published elsewhere); otherwise never again (the default).
    """
    page_versions().bump(tags if stale_ok else (*tags, *at_once_tags(tags)))


# Set while an import writes thousands of pages: no bump per change, one "site" bump at the end.
_held: ContextVar[bool] = ContextVar("version_bumps_held", default=False)


def bumps_are_held() -> bool:
    return _held.get()


@contextmanager
def bumps_held(*, bump_after: bool = True) -> Iterator[None]:
    """Change content in bulk without a bump per page; everything is bumped once on leaving."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)
    if bump_after:
        bump_now_and_on_commit("site")


def bump_now_and_on_commit(*tags: str, stale_ok: bool = False) -> None:
    """Bump at once, so that this process's next request sees the change even inside the
    transaction, and again once committed, so that no server keeps a page it rendered from
    the old state in between. ``stale_ok``: as for :func:`bump`."""
    if _held.get():
        return
    bump(*tags, stale_ok=stale_ok)
    transaction.on_commit(lambda: bump(*tags, stale_ok=stale_ok))


def bump_on_change(model, tags, *, uid: str, skip=None) -> None:
    """Every save or delete of a ``model`` row bumps ``tags``.

    ``tags``: a tuple, or a function of the row giving one. ``skip``: a function of
    ``(instance, created, update_fields)`` saying when a save changes nothing a page shows.
    This is how a feature says which tags its data touches (in its ``AppConfig.ready()``).
    """

    def changed(instance, created=False, update_fields=None, **kwargs) -> None:
        if skip is not None and skip(instance, created, update_fields):
            return
        chosen = tags(instance) if callable(tags) else tags
        if chosen:
            bump_now_and_on_commit(*chosen)

    for signal in (post_save, post_delete):
        uid_for = f"bump-{uid}-{model._meta.label}"
        signal.connect(changed, sender=model, weak=False, dispatch_uid=uid_for)
