"""Django's Redis cache, except that an unreachable Redis is a miss, not a 500.

The cache only ever holds what can be rebuilt; when Redis is down, reads
return the default, writes are dropped, and one log line per failure says why.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class KeptClientRedisCacheClient(RedisCacheClient):
    """One ``redis.Redis`` per connection pool, made once.

    Django makes a new one for every cache call, and each copies redis-py's
    table of response callbacks: some tens of microseconds on every session
    read of a logged-in reader's page. A client is as safe to share as its pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient  # Django sets its own here, per instance

    def _safely(self, name, default, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            log.warning("Cache unavailable (%s): %s", name, error)
            return default

    def get(self, key, default=None, version=None):
        return self._safely("get", default, key, default, version)

    # DEFAULT_TIMEOUT, as Django's: None would keep the value for ever.
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("add", False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._safely("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._safely("get_many", {}, keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("set_many", list(data), data, timeout, version)  # none was stored

    def delete_many(self, keys, version=None):
        return self._safely("delete_many", None, keys, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("touch", False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._safely("has_key", False, key, version)
