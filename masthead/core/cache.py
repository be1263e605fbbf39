"""Django's Redis cache, except that an unreachable Redis is a miss, not a 500.

The cache only ever holds what can be rebuilt; when Redis is down, reads
return the default, writes are dropped, and one log line per failure says why.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    def _safely(self, name, default, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            log.warning("Cache unavailable (%s): %s", name, error)
            return default

    def get(self, key, default=None, version=None):
        return self._safely("get", default, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._safely("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._safely("add", False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._safely("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._safely("get_many", {}, keys, version)

    def set_many(self, data, timeout=None, version=None):
        return self._safely("set_many", [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._safely("delete_many", None, keys, version)

    def touch(self, key, timeout=None, version=None):
        return self._safely("touch", False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._safely("has_key", False, key, version)
