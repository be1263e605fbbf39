"""An article the page cache does not hold costs a fixed, small number of queries at any size."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.images.models import MastheadImage
from masthead.images.renditions import make_renditions_for
from masthead.news.models import ArticlePage
from masthead.paywall.meter import meter_store
from masthead.recommendations.models import SimilarList
from masthead.recommendations.seeding import seed_articles

pytestmark = pytest.mark.django_db

# The story, its topics, its authors, its hero's renditions; the similar-stories list, their
# cards and the cards' renditions. Whether it was corrected or has related links is known
# from the story's own query: a story with either costs one query more for each.
CEILING = 7


@pytest.fixture
def redis_meter(settings, redis_url):
    """The meter in Redis, as at scale: a counted read costs no SQL query."""
    prefix = f"masthead-test-meter-{uuid.uuid4().hex[:8]}"
    settings.MASTHEAD_METER_STORE = {
        "BACKEND": "masthead.paywall.meter.redis.RedisMeterStore",
        "OPTIONS": {"url": redis_url, "prefix": prefix},
    }
    yield
    store = meter_store()
    for key in store.client.scan_iter(match=f"{prefix}:*"):
        store.client.delete(key)


def test_an_uncached_article_at_ten_thousand_articles(
    paper, redis_meter, django_assert_max_num_queries
):
    seed_articles(10_000, body_words=120)
    # Made on upload and on publish, never in a reader's request (masthead/images/renditions.py).
    make_renditions_for(list(MastheadImage.objects.values_list("pk", flat=True)))
    assert ArticlePage.objects.live().count() > 10_000
    seeded = list(
        ArticlePage.objects.live().filter(slug__regex=r"-[0-9a-f]{8}$").order_by("-pk")[:8]
    )
    story = seeded[0]
    SimilarList.objects.create(article=story, similar_ids=[a.pk for a in seeded[1:6]])
    Client().get(seeded[7].url)  # a running server has read the sections and rules once
    with django_assert_max_num_queries(CEILING):
        response = Client().get(story.url)
    assert response.status_code == 200
    assert (
        b"You have read 2 of 5" in response.content or b"You have read 1 of 5" in response.content
    )
    assert b"Similar stories" in response.content
    assert response.content.count(b'class="card similar-stories__item"') == 3


def queries_for_a_first_read(story) -> int:
    """The queries of a new reader's request for a story nobody has read yet."""
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(story.url)
    assert response.status_code == 200
    assert response.get("X-Masthead-Cache") != "hit"
    return len(captured.captured_queries)


def newest_seeded(count: int) -> list[ArticlePage]:
    seeded = ArticlePage.objects.live().filter(slug__regex=r"-[0-9a-f]{8}$")
    return list(seeded.order_by("-pk")[:count])


def test_an_uncached_article_costs_the_same_queries_in_a_small_archive_and_a_large_one(
    paper, redis_meter
):
    seed_articles(40, body_words=60)
    make_renditions_for(list(MastheadImage.objects.values_list("pk", flat=True)))
    first, warm = newest_seeded(2)
    Client().get(warm.url)  # a running server has read the sections and rules once
    small = queries_for_a_first_read(first)

    seed_articles(2_000, body_words=60)
    make_renditions_for(list(MastheadImage.objects.values_list("pk", flat=True)))
    first, warm = newest_seeded(2)
    Client().get(warm.url)  # the new stories changed the site: read once again
    large = queries_for_a_first_read(first)

    assert large == small <= CEILING
