"""The content generation over Redis: heard at once here, elsewhere, and after an outage."""

import time

import pytest

from masthead.core.tests.live_site import OwnRedis
from masthead.edge.generation import RedisGeneration


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.remove()


def eventually(condition, timeout=5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_bump_is_seen_at_once_here_and_soon_by_another_server(own_redis):
    here = RedisGeneration(own_redis.url, "test:generation")
    there = RedisGeneration(own_redis.url, "test:generation")
    before_here, before_there = here.current(), there.current()
    assert before_here is not None and before_there is not None
    here.bump()
    assert here.current() != before_here  # no waiting in the process that changed something
    assert eventually(lambda: there.current() != before_there)


def test_an_outage_turns_the_cache_off_and_a_restart_never_revives_old_pages(own_redis):
    generation = RedisGeneration(own_redis.url, "test:generation")
    generation.bump()
    before = generation.current()
    own_redis.stop()
    assert eventually(lambda: generation.current() is None)
    own_redis.start()  # an empty Redis: the count starts again from nothing
    assert eventually(lambda: generation.current() is not None)
    assert generation.current() != before
