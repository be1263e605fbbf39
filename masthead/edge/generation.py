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
from functools import cache
from pathlib import Path

import redis
from django.conf import settings

log = logging.getLogger(__name__)


class RedisGeneration:
    def __init__(self, url: str, key: str, timeout: float = 0.5):
        self.key = key
        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )

    def current(self) -> bytes | None:
        try:
            return self.client.get(self.key) or b"0"
        except redis.RedisError as error:
            log.warning("Shared page cache off: content generation unreadable: %s", error)
            return None

    def bump(self) -> None:
        try:
            self.client.incr(self.key)
        except redis.RedisError as error:
            # Pages already cached must not outlive the change: without the
            # stamp no server serves from its cache, so nothing stale is sent.
            log.error("Content generation not advanced (Redis unavailable): %s", error)


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
