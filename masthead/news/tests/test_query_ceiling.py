"""An article the page cache does not hold costs a fixed, small number of queries at any size."""

import uuid

import pytest
from django.test import Client

from masthead.images.models import MastheadImage
from masthead.images.renditions import make_renditions_for
from masthead.news.models import ArticlePage
from masthead.paywall.meter import meter_store
from masthead.recommendations.models import SimilarList
from masthead.recommendations.seeding import seed_articles

pytestmark = pytest.mark.django_db

CEILING = 9  # 8, and one for the related links the editor chose


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
