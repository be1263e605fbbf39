"""Stale while revalidate: after a publish, readers get the copy of a moment ago, never wait.

The tests render "inline" (settings/test.py): the reader gets the stale copy,
then the same request renders the page again, so the next reader gets it new.
One test runs the renderer's thread as ``make serve`` does.
"""

import time

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from masthead.core.tests.live_site import eventually
from masthead.core.versions import bump_now_and_on_commit
from masthead.corrections.models import Correction
from masthead.edge.delivery import Audience, PageKind, variant_name
from masthead.edge.sending import page_key
from masthead.edge.store import page_cache
from masthead.gifts.tests.test_cap_under_concurrency import front_page_again
from masthead.news.models import ArticlePage
from masthead.news.tests.factories import make_article
from masthead.paywall.models import MeterSettings

pytestmark = pytest.mark.django_db

HIT = "X-Masthead-Cache"
WITHHELD = b"Shops said shelves could empty within days."


@pytest.fixture
def grace(settings):
    settings.MASTHEAD_EDGE = {**settings.MASTHEAD_EDGE, "stale_seconds": 5}
    return settings.MASTHEAD_EDGE


def warm(*urls: str) -> None:
    for url in urls:
        Client().get(url)
        assert Client().get(url)[HIT] == "hit", url


def test_after_a_publish_the_front_is_sent_as_it_was_once_then_new(paper, grace):
    warm("/")
    make_article(paper["sections"]["britain"], "Harbour pilots return", published_at=timezone.now())
    first = Client().get("/")
    assert first[HIT] == "stale" and b"Harbour pilots return" not in first.content
    after = Client().get("/")  # rendered again behind the first reader
    assert after[HIT] == "hit" and b"Harbour pilots return" in after.content


def test_while_another_render_is_under_way_readers_get_the_copy_of_a_moment_ago(paper, grace):
    warm("/")
    make_article(paper["sections"]["britain"], "Harbour pilots return", published_at=timezone.now())
    key = page_key(RequestFactory().get("/"))
    variant = variant_name(PageKind.FRONT, Audience.ANONYMOUS, None)
    shared = page_cache().shared
    assert shared.claim(key, variant, seconds=5)  # another worker is rendering it now
    for _ in range(3):
        meanwhile = Client().get("/")
        assert meanwhile[HIT] == "stale" and b"Harbour pilots return" not in meanwhile.content
    shared.release(key, variant)  # that render was abandoned: the next reader sets one off
    assert Client().get("/")[HIT] == "stale"
    assert b"Harbour pilots return" in Client().get("/").content


def test_the_grace_lasts_only_its_seconds(paper, grace):
    grace["stale_seconds"] = 0.3
    warm("/")
    make_article(paper["sections"]["britain"], "Harbour pilots return", published_at=timezone.now())
    time.sleep(0.5)
    late = Client().get("/")
    assert late.get(HIT) != "stale" and b"Harbour pilots return" in late.content


def test_the_story_edited_is_new_at_once_and_the_front_a_moment_later(paper, grace):
    story = paper["articles"]["deal"]
    warm("/", story.url)
    page = ArticlePage.objects.get(pk=story.pk)
    page.title = "Deal ends the port strike after ten days"
    page.save_revision().publish()
    edited = Client().get(story.url)
    assert edited.get(HIT) != "stale" and b"after ten days" in edited.content
    assert Client().get("/")[HIT] == "stale"
    assert b"after ten days" in Client().get("/").content


def test_an_unpublished_story_leaves_no_stale_copy_anywhere(paper, grace):
    story = paper["articles"]["deal"]
    warm("/", story.url)
    ArticlePage.objects.get(pk=story.pk).unpublish()
    assert Client().get(story.url).status_code == 404
    front = Client().get("/")
    assert front.get(HIT) != "stale" and story.title.encode() not in front.content


def test_a_correction_is_never_sent_stale(paper, grace):
    story = paper["articles"]["vote"]
    warm("/", story.url)
    Correction.objects.create(
        article=ArticlePage.objects.get(pk=story.pk),
        wrong="The offer was three per cent.",
        right="The offer was four per cent.",
    )
    for url in (story.url, "/"):
        response = Client().get(url)
        assert response.get(HIT) != "stale", url
    assert b"The offer was four per cent." in Client().get(story.url).content


def test_access_is_decided_per_request_and_a_stale_copy_is_the_readers_own_kind(paper, grace):
    rules = MeterSettings.objects.first() or MeterSettings()
    rules.anonymous_limit = 1
    rules.save()
    story, other = paper["articles"]["vote"], paper["articles"]["talks"]
    past_limit = Client()
    past_limit.get(other.url)  # the one free story of the month
    assert WITHHELD not in past_limit.get(story.url).content
    assert WITHHELD in Client().get(story.url).content  # a new reader's full text, kept
    # The story's similar list moved (a publish elsewhere): its copies may go stale.
    bump_now_and_on_commit(f"page:{story.pk}", stale_ok=True)
    teaser = past_limit.get(story.url)
    assert teaser[HIT] == "stale" and WITHHELD not in teaser.content
    assert b"You have read 1 of 1" in teaser.content or b"subscribe" in teaser.content.lower()
    full = Client().get(story.url)
    assert full[HIT] in ("stale", "hit") and WITHHELD in full.content


def test_new_rules_are_never_waited_out(paper, grace):
    story = paper["articles"]["vote"]
    warm(story.url)
    rules = MeterSettings.objects.first() or MeterSettings()
    rules.anonymous_limit = 3
    rules.save()
    response = Client().get(story.url)
    assert response.get(HIT) != "stale" and b"You have read 1 of 3" in response.content


@pytest.mark.django_db(transaction=True)
def test_make_serve_renders_it_again_in_a_thread_of_its_own(transactional_db, grace, request):
    front_page_again()  # an earlier transactional test may have emptied the database
    paper = request.getfixturevalue("paper")
    grace["revalidate"] = "thread"
    warm("/")
    make_article(paper["sections"]["britain"], "Harbour pilots return", published_at=timezone.now())
    assert Client().get("/")[HIT] == "stale"
    assert eventually(lambda: b"Harbour pilots return" in Client().get("/").content)
    assert Client().get("/")[HIT] == "hit"
