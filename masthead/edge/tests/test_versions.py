"""Tag versions: a bump is heard at once here and elsewhere, touches only its tags, survives outages."""

import time

import pytest

from masthead.core.tests.live_site import OwnRedis, eventually
from masthead.core.versions import FileVersions, RedisVersions


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.remove()


@pytest.fixture(params=["redis", "files"])
def two_servers(request, tmp_path):
    if request.param == "files":
        yield FileVersions(tmp_path), FileVersions(tmp_path)
        return
    server = OwnRedis().start()
    yield RedisVersions(server.url, "test:versions"), RedisVersions(server.url, "test:versions")
    server.remove()


def test_a_bump_is_seen_at_once_here_and_soon_elsewhere_and_only_for_its_tags(two_servers):
    here, there = two_servers
    story, other = ("site", "page:1"), ("site", "page:2")
    before = {tags: (here.stamp(tags), there.stamp(tags)) for tags in (story, other)}
    assert None not in before[story] and before[story][0] == before[story][1]
    here.bump(["page:1"])
    assert here.stamp(story) != before[story][0]  # no waiting in the process that changed it
    assert eventually(lambda: there.stamp(story) == here.stamp(story))
    assert here.stamp(other) == before[other][0] and there.stamp(other) == before[other][1]
    here.bump(["site"])
    assert eventually(lambda: there.stamp(other) != before[other][1])


def test_an_outage_turns_the_cache_off_and_a_restart_never_revives_old_pages(own_redis):
    versions = RedisVersions(own_redis.url, "test:versions")
    versions.bump(["page:1"])
    before = versions.stamp(["page:1"])
    own_redis.stop()
    assert eventually(lambda: versions.stamp(["page:1"]) is None)
    own_redis.start()  # an empty Redis: counts start again from nothing, under a new epoch
    assert eventually(lambda: versions.stamp(["page:1"]) is not None)
    versions.bump(["page:1"])
    assert versions.stamp(["page:1"]) != before


def test_a_bump_whose_answer_is_lost_keeps_nothing_current_until_the_versions_are_read_again(
    own_redis, monkeypatch
):
    """On a busy machine a bump can be made at Redis and its answer time out on the way back."""
    import redis

    versions = RedisVersions(own_redis.url, "test:versions")
    before = versions.stamp(["page:1"])
    assert before is not None
    made = versions._bump

    def made_but_answer_lost(*args, **kwargs):
        made(*args, **kwargs)
        raise redis.TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(versions, "_bump", made_but_answer_lost)
    versions.bump(["page:1"])
    assert versions.stamp(["page:1"]) != before  # never the old version, not even for a moment
    monkeypatch.setattr(versions, "_bump", made)
    assert eventually(lambda: versions.stamp(["page:1"]) not in (None, before))


def test_emptying_the_page_store_keeps_the_versions_beside_it(own_redis):
    """The store and the versions share a prefix: emptying one must not start a new epoch,
    or every process's kept values (rules, ranges, accounts) would be read again at once."""
    from masthead.edge.store import RedisPageStore

    versions = RedisVersions(own_redis.url, "paper:versions")
    versions.bump(["page:1"])
    before = versions.stamp(["page:1"])
    RedisPageStore(own_redis.url, "paper", 10**6).clear()
    other = RedisVersions(own_redis.url, "paper:versions")
    assert other.stamp(["page:1"]) == before


def test_a_change_with_grace_leaves_the_at_once_companions_and_says_when_it_came(two_servers):
    from masthead.core.versions import at_once_tags

    here, there = two_servers
    tags = ("site", "listing:3")
    companions = at_once_tags(tags)
    before, before_at_once = here.stamp(tags), here.stamp(companions)
    assert there.stamp(tags) == before  # listening already, as a serving process is
    started = time.time()
    here.bump(["listing:3"])  # what versions.bump(..., stale_ok=True) asks of the store
    assert here.stamp(tags) != before and here.stamp(companions) == before_at_once
    assert eventually(lambda: there.stamp(tags) == here.stamp(tags))
    for versions in (here, there):
        assert started - 1 <= versions.changed_at(tags) <= time.time() + 1
    here.bump(["listing:3", *at_once_tags(["listing:3"])])  # a change readers see at once
    assert here.stamp(companions) != before_at_once
