"""Invalidation as precise as the change: what a change touches is rendered again, nothing else."""

import pytest
from django.test import Client
from django.utils import timezone

from masthead.appeals.tests.factories import give, make_campaign
from masthead.news.models import ArticlePage
from masthead.news.tests.factories import make_article
from masthead.paywall.models import MeterSettings

pytestmark = pytest.mark.django_db

HIT = "X-Masthead-Cache"


def kept(url: str) -> bool:
    """Whether a new reader gets ``url`` from the shared cache."""
    return Client().get(url).get(HIT) == "hit"


def warm(*urls: str) -> None:
    for url in urls:
        Client().get(url)
        assert kept(url), url


def test_a_donation_leaves_pages_cached_while_their_totals_move(paper):
    campaign = make_campaign(target_pence=100_000)
    story = paper["articles"]["vote"]
    warm("/", story.url)
    give(campaign, 2_500)
    for url in ("/", story.url):
        response = Client().get(url)
        assert response[HIT] == "hit", url
        assert "£25</strong> raised of £1,000 target".encode() in response.content, url
    give(campaign, 1_000)
    assert "£35</strong> raised".encode() in Client().get(story.url).content


def test_a_publish_renders_again_only_what_shows_the_story(paper):
    britain, world = paper["sections"]["britain"], paper["sections"]["world"]
    elsewhere = paper["articles"]["talks"]  # in World, and in no similar-stories list
    warm("/", britain.url, world.url, elsewhere.url)
    make_article(britain, "Ferry service resumes after the strike", published_at=timezone.now())
    for url in ("/", britain.url):
        rendered = Client().get(url)
        assert rendered.get(HIT) != "hit" and b"Ferry service resumes" in rendered.content, url
    assert kept(world.url) and kept(elsewhere.url)


def test_a_draft_saved_or_previewed_renders_nothing_again(paper, admin_client):
    story = paper["articles"]["vote"]
    warm("/", story.url)
    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    draft.title = "A headline only the newsroom has seen"
    draft.save_revision()
    assert admin_client.get(f"/admin/pages/{story.pk}/view_draft/").status_code == 200
    assert kept("/") and kept(story.url)
    assert b"only the newsroom" not in Client().get(story.url).content


def test_new_metering_rules_render_articles_again_and_not_fronts(paper):
    story = paper["articles"]["vote"]
    warm("/", story.url)
    rules = MeterSettings.objects.first() or MeterSettings()
    rules.anonymous_limit = 3
    rules.save()
    assert kept("/")
    response = Client().get(story.url)
    assert response.get(HIT) != "hit"
    assert b"You have read 1 of 3" in response.content


def test_a_subscription_ended_by_the_provider_ends_on_the_next_kept_page(paper):
    from masthead.paywall.tests.factories import PASSWORD, make_reader
    from masthead.subscriptions.models import Subscription

    story = paper["articles"]["vote"]
    make_reader("leaving@example.org", subscription="active")
    make_reader("staying@example.org", subscription="active")
    leaving, staying = Client(), Client()
    assert leaving.login(email="leaving@example.org", password=PASSWORD)
    assert staying.login(email="staying@example.org", password=PASSWORD)
    staying.get(story.url)
    assert leaving.get(story.url)[HIT] == "hit"  # the subscribers' page, shared
    # What the Stripe webhook does when the subscription is cancelled:
    subscription = Subscription.objects.get(user__email="leaving@example.org")
    subscription.status = Subscription.Status.CANCELED
    subscription.save()
    after = leaving.get(story.url)
    assert b"You have read 1 of 10 free articles" in after.content
    assert staying.get(story.url)[HIT] == "hit"
