"""One contract, every shared page store: Redis (several servers) and diskcache (one machine)."""

import time
import uuid

import pytest

from masthead.edge.delivery import PageFacts, PageKind
from masthead.edge.store import (
    DiskPageStore,
    Kept,
    LocalPages,
    PageCache,
    RedisPageStore,
    Route,
    SharedResponse,
)

FRONT = Route(page=PageFacts(kind=PageKind.FRONT), tags=("site", "page:1"))
ARTICLE = Route(page=PageFacts(kind=PageKind.ARTICLE), tags=("site", "page:2", "rules"))


def response(size: int = 1000, text: bytes = b"x") -> SharedResponse:
    return SharedResponse(200, (("Content-Type", "text/html"),), (text * size,))


@pytest.fixture(params=["redis", "disk"])
def make_store(request, tmp_path):
    """Stores on one backend, as two app processes (or servers) would open it."""
    if request.param == "disk":
        yield lambda max_bytes=10_000_000: DiskPageStore(tmp_path / "pages", max_bytes)
        return
    url = request.getfixturevalue("redis_url")
    prefix = f"masthead-test-pages-{uuid.uuid4().hex[:8]}"
    stores = []

    def make(max_bytes=10_000_000):
        stores.append(RedisPageStore(url, prefix, max_bytes))
        return stores[-1]

    yield make
    stores[0].clear()


def test_a_page_kept_by_one_process_is_read_by_another(make_store):
    one, two = make_store(), make_store()
    one.put("http://paper/", FRONT, "front|anonymous|-", Kept(("s", "1"), response()))
    page = two.get("http://paper/")
    assert page.route == FRONT
    assert page.variants["front|anonymous|-"] == Kept(("s", "1"), response())
    assert two.get("http://paper/elsewhere/") is None


def test_variants_are_kept_side_by_side_and_a_new_route_replaces_them(make_store):
    store = make_store()
    store.put("k", ARTICLE, "a", Kept(("1",), response(text=b"a")))
    store.put("k", ARTICLE, "b", Kept(("1",), response(text=b"b")))
    assert set(store.get("k").variants) == {"a", "b"}
    store.put("k", FRONT, "c", Kept(("2",), response(text=b"c")))
    page = store.get("k")
    assert page.route == FRONT and set(page.variants) == {"c"}


def test_the_store_is_bounded_and_keeps_the_newest(make_store):
    store = make_store(max_bytes=200_000)
    for n in range(60):
        store.put(f"page-{n}", FRONT, "v", Kept(("1",), response(size=10_000)))
    assert store.size() <= 200_000 + 20_000
    assert store.get("page-59") is not None
    assert store.get("page-0") is None


def test_one_render_at_a_time(make_store):
    one, two = make_store(), make_store()
    assert one.claim("k", "v", seconds=5)
    assert not two.claim("k", "v", seconds=5)
    one.release("k", "v")
    assert two.claim("k", "v", seconds=0.2)
    time.sleep(0.4)
    assert one.claim("k", "v", seconds=5)  # an abandoned claim runs out


def test_a_stale_stamp_is_never_served_and_a_waiter_gets_the_new_copy(make_store):
    here = PageCache(make_store(), LocalPages(1_000_000))
    there = PageCache(make_store(), LocalPages(1_000_000))
    here.put("k", FRONT, "v", Kept(("old",), response(text=b"o")))
    assert there.variant("k", "v", ("old",)) == response(text=b"o")
    assert there.variant("k", "v", ("new",)) is None
    here.put("k", FRONT, "v", Kept(("new",), response(text=b"n")))
    # There's local copy is out of date: it looks in the shared store once more.
    assert there.variant("k", "v", ("new",)) == response(text=b"n")
    assert there.wait_for("k", "v", ("newer",), seconds=0.1) is None
