"""The Redis meter store, for several app servers.

A reader's month is one Redis set of article ids. The grant is a Lua script,
which Redis runs atomically: member check, size check and add happen as one
step, in one round trip. Sets expire a week after their month ends, so Redis
purges itself.
"""

from __future__ import annotations

import redis

from masthead.paywall.meter.base import Grant, MeterStore, MeterUnavailable
from masthead.paywall.periods import period_end

GRANT_SCRIPT = """
local key, article, limit, expires_at = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local status, used
if redis.call('SISMEMBER', key, article) == 1 then
  status, used = 1, redis.call('SCARD', key)
else
  used = redis.call('SCARD', key)
  if used < limit then
    redis.call('SADD', key, article)
    redis.call('EXPIREAT', key, expires_at)
    status, used = 2, used + 1
  else
    return {0, used}
  end
end
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], article)
  redis.call('EXPIREAT', KEYS[i], expires_at)
end
return {status, used}
"""

GRACE_SECONDS = 7 * 24 * 3600


class RedisMeterStore(MeterStore):
    def __init__(
        self, *, url: str, prefix: str = "masthead:meter", timeout: float = 0.5, **options
    ):
        super().__init__(**options)
        self.prefix = prefix
        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=30
        )
        self._grant = self.client.register_script(GRANT_SCRIPT)

    def _key(self, reader_key: str, period: str) -> str:
        return f"{self.prefix}:{period}:{reader_key}"

    def _expires_at(self, period: str) -> int:
        return int(period_end(period).timestamp()) + GRACE_SECONDS

    def grant(
        self,
        *,
        reader_key: str,
        period: str,
        article_id: int,
        limit: int,
        also_keys: tuple[str, ...] = (),
    ) -> Grant:
        keys = [self._key(key, period) for key in (reader_key, *also_keys)]
        try:
            status, used = self._grant(
                keys=keys,
                args=[article_id, limit, self._expires_at(period)],
            )
        except redis.RedisError as error:
            raise MeterUnavailable(str(error)) from error
        return Grant(counted_now=status == 2, already_counted=status == 1, used=int(used))

    def used(self, *, reader_key: str, period: str) -> int:
        try:
            return int(self.client.scard(self._key(reader_key, period)))
        except redis.RedisError as error:
            raise MeterUnavailable(str(error)) from error

    def articles(self, *, reader_key: str, period: str) -> set[int]:
        try:
            return {int(a) for a in self.client.smembers(self._key(reader_key, period))}
        except redis.RedisError as error:
            raise MeterUnavailable(str(error)) from error

    def carry_over(self, *, from_key: str, to_key: str, period: str) -> int:
        source, target = self._key(from_key, period), self._key(to_key, period)
        try:
            pipe = self.client.pipeline(transaction=True)
            pipe.sunionstore(target, [target, source])
            pipe.expireat(target, self._expires_at(period))
            pipe.scard(target)
            return int(pipe.execute()[-1])
        except redis.RedisError as error:
            raise MeterUnavailable(str(error)) from error

    def purge(self, *, before_period: str) -> int:
        # Sets expire on their own; this removes any that outlived their month.
        removed = 0
        try:
            for key in self.client.scan_iter(match=f"{self.prefix}:*", count=1000):
                period = key.decode().removeprefix(f"{self.prefix}:").split(":", 1)[0]
                if period < before_period:
                    removed += self.client.delete(key)
        except redis.RedisError as error:
            raise MeterUnavailable(str(error)) from error
        return removed
