"""The content generation: a stamp that changes whenever anything a reader sees changes.

Every cached page belongs to one generation; a publish, an edit, a donation
or a new list of similar stories starts a new one, and every app server sees
it on its next request. With Redis (several servers) the stamp is a Redis
counter; on the embedded default it is a file's identity in ``VAR_DIR``,
shared by the processes of the one machine. When the stamp cannot be read,
nothing is served from the cache.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from functools import cache
from pathlib import Path

import redis
from django.conf import settings

log = logging.getLogger(__name__)


class RedisGeneration:
    """A Redis counter, watched rather than polled.

    Bumping increments the counter and publishes the new value on a channel
    of the same name. Each process keeps the value it last heard in memory,
    from a thread subscribed to that channel, so a request costs no round
    trip; the thread reads the counter again whenever it (re)subscribes, so
    no bump is missed, and the process that bumps knows at once. While Redis
    cannot be reached the value is unknown and nothing is served from the
    cache; it comes back by itself with Redis. Each (re)subscription starts a
    new epoch: a Redis that restarted empty counts from 0 again, and a page
    kept under an old count must not pass for current.
    """

    BUMP = "local v = redis.call('INCR', KEYS[1]) redis.call('PUBLISH', KEYS[1], v) return v"
    RETRY_SECONDS = 0.5

    def __init__(self, url: str, key: str, timeout: float = 0.5):
        self.key = key
        self.url = url
        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self._bump = self.client.register_script(self.BUMP)
        self._epoch: str | None = None  # None while Redis is out of reach
        self._count = 0
        self._watcher_pid: int | None = None
        self._lock = threading.Lock()

    def current(self) -> bytes | None:
        if self._watcher_pid != os.getpid():
            self._start_watching()
        epoch = self._epoch
        return None if epoch is None else f"{epoch}:{self._count}".encode()

    def bump(self) -> None:
        try:
            self._heard(int(self._bump(keys=[self.key])))
        except redis.RedisError as error:
            # The watchers lose the connection too, and serve nothing from
            # their caches until they have read the counter again.
            log.error("Content generation not advanced (Redis unavailable): %s", error)

    def _heard(self, count: int) -> None:
        with self._lock:
            # Messages can cross a bump made here: the count only goes up.
            self._count = max(self._count, count)

    def _start_watching(self) -> None:
        with self._lock:
            if self._watcher_pid == os.getpid():
                return
            self._epoch = None
            self._watcher_pid = os.getpid()
            threading.Thread(target=self._watch, name="content-generation", daemon=True).start()
        # A moment for the first read, so the first request need not miss.
        for _ in range(20):
            if self._epoch is not None:
                break
            time.sleep(0.005)

    def _watch(self) -> None:
        client = redis.Redis.from_url(self.url, socket_connect_timeout=self.RETRY_SECONDS)
        was_down = False
        while True:
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.key)
                count = int(client.get(self.key) or 0)
                with self._lock:
                    self._count = count
                    self._epoch = secrets.token_hex(4)
                if was_down:
                    log.warning("Shared page cache back on: Redis reachable again")
                    was_down = False
                while True:
                    message = pubsub.get_message(timeout=5.0)
                    if message is not None and message["type"] == "message":
                        self._heard(int(message["data"]))
                    elif message is None:
                        pubsub.ping()
            except (redis.RedisError, OSError, ValueError) as error:
                self._epoch = None
                if not was_down:
                    log.warning("Shared page cache off: content generation unreadable: %s", error)
                    was_down = True
                time.sleep(self.RETRY_SECONDS)


class FileGeneration:
    def __init__(self, path: Path):
        self.path = Path(path)

    def current(self) -> bytes | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self.bump()
            try:
                stat = os.stat(self.path)
            except OSError:
                return None
        except OSError:
            return None
        return f"{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}".encode()

    def bump(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{secrets.token_hex(6)}")
        temporary.write_text(secrets.token_hex(8))
        os.replace(temporary, self.path)


@cache
def content_generation() -> RedisGeneration | FileGeneration:
    options = settings.MASTHEAD_EDGE
    if options.get("redis_url"):
        return RedisGeneration(options["redis_url"], f"{options['prefix']}:generation")
    return FileGeneration(options["generation_file"])


def bump_generation() -> None:
    content_generation().bump()
