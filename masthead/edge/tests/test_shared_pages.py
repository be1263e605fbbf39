"""The shared page cache as readers meet it: same pages, same meter, fewer queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.news.tests.factories import make_article, make_section
from masthead.paywall.identity import READER_COOKIE
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

HIT = "X-Masthead-Cache"


@pytest.fixture
def desk(db):
    news = make_section("News")
    now = timezone.now()
    stories = [
        make_article(
            news,
            f"Harbour story {i}",
            paragraphs=[f"Harbour story {i} paragraph {p} in its own words." for p in range(1, 7)],
            published_at=now - timedelta(hours=i + 1),
        )
        for i in range(1, 8)
    ]
    return {"section": news, "stories": stories}


def warm(*urls: str) -> None:
    """Two readers' visits: the first teaches the cache the path, the second fills it."""
    for url in urls:
        for _ in range(2):
            assert Client().get(url).status_code == 200


def test_a_front_is_sent_from_memory_to_the_next_reader(desk):
    warm("/", "/news/")
    for url in ("/", "/news/"):
        full_render = Client().get(url, QUERY_STRING="")
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200
        assert response[HIT] == "hit"
        assert len(queries) == 0
        assert response.content == full_render.content
        assert response["Content-Length"] == str(len(response.content))


def test_a_story_published_now_is_on_the_cached_front_at_once(desk):
    warm("/", "/news/")
    make_article(desk["section"], "Lifeboat crew rescue three", published_at=timezone.now())
    for url in ("/", "/news/"):
        assert b"Lifeboat crew rescue three" in Client().get(url).content


def test_every_anonymous_reader_is_metered_on_cached_articles(desk):
    stories = desk["stories"]
    warm(*(s.url for s in stories))
    reader = Client()
    for read, story in enumerate(stories[:5], start=1):
        response = reader.get(story.url)
        assert response[HIT] == "hit"
        assert f"You have read {read} of 5 free articles".encode() in response.content
        assert b"paragraph 6 in its own words" in response.content
        assert "private" in response["Cache-Control"]
    reader.get(stories[5].url)  # the first teaser of this story is rendered, then kept
    past_limit = reader.get(stories[5].url)
    assert past_limit[HIT] == "hit"
    assert b"Register to keep reading" in past_limit.content
    assert b"paragraph 2 in its own words" in past_limit.content  # the teaser
    assert b"paragraph 3 in its own words" not in past_limit.content
    assert b"meter-notice" not in past_limit.content
    assert "public" in past_limit["Cache-Control"]
    # Already read this month: still in full, not counted again.
    again = reader.get(stories[0].url)
    assert b"You have read 5 of 5 free articles" in again.content


def test_a_new_reader_gets_their_cookie_from_a_cached_page(desk):
    story = desk["stories"][0]
    warm(story.url)
    first = Client()
    response = first.get(story.url)
    assert response[HIT] == "hit"
    cookie = response.cookies[READER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert b"You have read 1 of 5" in response.content
    warm(desk["stories"][1].url)
    assert b"You have read 2 of 5" in first.get(desk["stories"][1].url).content


def test_logged_in_readers_and_query_strings_take_the_full_path(desk, client):
    story = desk["stories"][0]
    warm(story.url)
    subscriber = make_reader("s@example.com", subscription="active")
    assert client.login(email=subscriber.email, password=PASSWORD)
    response = client.get(story.url)
    assert HIT not in response
    assert b'<a href="/account/">Your account</a>' in response.content
    assert b"meter-notice" not in response.content
    assert HIT not in Client().get(story.url, {"utm_source": "x"})


def test_an_unpublished_story_leaves_the_cache_at_once(desk):
    story = desk["stories"][0]
    warm(story.url, "/news/")
    story.unpublish()
    assert Client().get(story.url).status_code == 404
    assert b"Harbour story 1<" not in Client().get("/news/").content


def test_an_article_view_costs_the_same_queries_whatever_the_archive(
    desk, settings, django_assert_num_queries
):
    """Rendered in full (the cache off): a fixed number of queries, at 8 stories or 48."""
    settings.MASTHEAD_EDGE = {**settings.MASTHEAD_EDGE, "enabled": False}
    story = desk["stories"][2]

    def count() -> int:
        Client().get(story.url)  # renditions are made on first view
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(story.url).status_code == 200
        return len(queries)

    small = count()
    for i in range(40):
        make_article(desk["section"], f"Later harbour story {i}", with_image=False)
    Client().get(story.url)  # the site-wide reads kept per change are read again once
    with django_assert_num_queries(small):
        assert Client().get(story.url).status_code == 200


def test_logged_in_readers_share_pages_of_their_own_kind(desk):
    story, other = desk["stories"][0], desk["stories"][1]
    readers = {}
    for email, subscription in [("a@example.com", "active"), ("b@example.com", "active"),
                                ("c@example.com", ""), ("d@example.com", "")]:  # fmt: skip
        make_reader(email, subscription=subscription)
        readers[email] = Client()
        assert readers[email].login(email=email, password=PASSWORD)
    first = readers["a@example.com"].get(story.url)
    assert HIT not in first
    second = readers["b@example.com"].get(story.url)
    assert second[HIT] == "hit"
    assert second.content == first.content
    assert (
        b'<a href="/account/">Your account</a>' in second.content
        and b"meter-notice" not in second.content
    )
    assert b"paragraph 6 in its own words" in second.content
    assert "private" in second["Cache-Control"]
    # Registered readers: their own count on a page cached for their kind.
    readers["c@example.com"].get(story.url)
    counted = readers["d@example.com"].get(other.url)
    again = readers["d@example.com"].get(story.url)
    assert HIT not in counted and again[HIT] == "hit"
    assert b"You have read 2 of 10 free articles" in again.content
    assert b'<a href="/account/">Your account</a>' in again.content
    # Anonymous readers never get a logged-in reader's page, nor the reverse.
    anonymous = Client().get(story.url)
    assert b'<a href="/account/">Your account</a>' not in anonymous.content


def test_staff_pages_are_never_shared(desk, client):
    story = desk["stories"][0]
    make_reader("editor@example.com", staff=True)
    assert client.login(email="editor@example.com", password=PASSWORD)
    for _ in range(3):
        assert HIT not in client.get(story.url)


def test_a_page_kept_by_an_earlier_release_is_never_sent_by_the_next(desk, monkeypatch):
    from masthead.edge import sending

    warm("/")
    assert Client().get("/")[HIT] == "hit"
    monkeypatch.setattr(sending, "release_mark", lambda: "the-next-release")
    assert Client().get("/").get(HIT) != "hit"  # rendered by this release's templates
    warm("/")
    assert Client().get("/")[HIT] == "hit"  # and kept under its own mark
