"""Every page sent is one page view, kept or rendered; robots, staff and previews are not."""

import pytest
from django.test import Client

from masthead.analytics.tests.helpers import DESKTOP, OWN, PHONE, by, figures, read, story
from masthead.paywall.models import MeterSettings
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


def test_n_reads_from_the_shared_cache_and_rendered_are_exactly_n_page_views(paper):
    deal = paper["articles"]["deal"]
    fronts = [read("/") for _ in range(3)]
    articles = [read(deal.url, referrer="https://www.google.com/search?q=port") for _ in range(4)]
    section = read(paper["sections"]["world"].url, agent=PHONE, referrer="https://bsky.app/x/1")
    # Both roads were taken: the first of each rendered, the others from the cache.
    for responses in (fronts, articles):
        assert "X-Masthead-Cache" not in responses[0]
        assert all(response["X-Masthead-Cache"] == "hit" for response in responses[1:])
    assert section.status_code == 200

    seen = figures()
    assert seen["pageviews"] == 8
    assert seen["readers"] == 8  # eight browsers, none seen twice
    assert story(seen, deal) | {"path": None} == {
        "path": None,
        "title": deal.title,
        "section": "Britain",
        "pageviews": 4,
        "full": 4,
        "teaser": 0,
        "wall_stops": 0,
        "subscriptions": 0,
        "donations": 0,
        "revenue": 0.0,
    }
    assert story(seen, deal)["path"] == deal.url
    sources = {(row["source"], row["detail"]): row["pageviews"] for row in seen["sources"]}
    assert sources == {("direct", ""): 3, ("search", "google.com"): 4, ("social", "bsky.app"): 1}
    assert by(seen["devices"], "device") == {"desktop": 7, "phone": 1}
    assert by(seen["outcomes"], "outcome") == {"page": 4, "full": 4}
    assert by(seen["kinds"], "kind") == {"anonymous": 8}


def test_a_returning_reader_is_one_reader_and_clicks_inside_the_paper_are_internal(paper):
    reader = Client()
    read(paper["articles"]["vote"].url, client=reader, referrer="https://news.example.org/a")
    read("/", client=reader, referrer=OWN + paper["articles"]["vote"].url)
    read(paper["articles"]["talks"].url, client=reader, referrer=OWN + "/")
    seen = figures()
    assert (seen["pageviews"], seen["readers"]) == (3, 1)
    sources = {(row["source"], row["detail"]): row["pageviews"] for row in seen["sources"]}
    assert sources == {("other", "news.example.org"): 1, ("internal", ""): 2}


def test_the_wall_and_the_registered_reader_are_told_apart(paper):
    rules = MeterSettings.objects.get()
    rules.anonymous_limit = 1
    rules.save()
    rules.save_revision()
    reader = Client()
    read(paper["articles"]["vote"].url, client=reader)
    read(paper["articles"]["talks"].url, client=reader)  # the wall: register to read on
    member = Client()
    member.login(email=make_reader("member@example.com").email, password=PASSWORD)
    read(paper["articles"]["floods"].url, client=member)
    seen = figures()
    assert by(seen["outcomes"], "outcome") == {"full": 2, "teaser": 1}
    assert by(seen["kinds"], "kind") == {"anonymous": 2, "registered": 1}
    assert story(seen, paper["articles"]["talks"])["wall_stops"] == 1
    assert seen["wall_stops"] == 1


def test_a_newsletter_link_and_a_gift_are_their_own_sources(paper):
    read(paper["articles"]["vote"].url + "?from=email&edition=12")
    read(paper["articles"]["leader"].url + "?utm_source=newsletter&utm_medium=email")
    seen = figures()
    sources = {(row["source"], row["detail"]): row["pageviews"] for row in seen["sources"]}
    assert sources == {("newsletter", "12"): 1, ("newsletter", ""): 1}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    ],
)
def test_robots_are_counted_apart_and_never_as_readers(paper, agent):
    read("/", agent=agent)
    read(paper["articles"]["vote"].url, agent=agent)
    seen = figures()
    assert (seen["pageviews"], seen["readers"], seen["crawler_pageviews"]) == (0, 0, 2)
    assert seen["stories"] == [] and seen["sources"] == []


def test_the_newsroom_and_previews_are_not_counted(paper, admin_client):
    vote = paper["articles"]["vote"]
    admin_client.get(vote.url, headers={"User-Agent": DESKTOP})
    admin_client.get(f"/admin/pages/{vote.pk}/view_draft/", headers={"User-Agent": DESKTOP})
    admin_client.get("/", headers={"User-Agent": DESKTOP})
    Client().head("/", headers={"User-Agent": DESKTOP})
    seen = figures()
    assert (seen["pageviews"], seen["crawler_pageviews"], seen["readers"]) == (0, 0, 0)


def test_counting_can_be_switched_off(paper, settings):
    settings.MASTHEAD_ANALYTICS = {**settings.MASTHEAD_ANALYTICS, "counting": False}
    read("/")
    read(paper["articles"]["vote"].url)
    assert figures()["pageviews"] == 0


def test_a_live_blogs_polls_are_not_page_views_but_its_page_is():
    from masthead.liveblogs.tests.factories import make_live_blog
    from masthead.news.tests.factories import make_section

    blog = make_live_blog(make_section("World"))
    reader = Client()
    read(blog.url, client=reader)
    for _ in range(5):
        poll = reader.get(f"/live/{blog.pk}/after/0/", headers={"User-Agent": DESKTOP})
        assert poll.status_code == 200
    seen = figures()
    assert seen["pageviews"] == 1
    assert story(seen, blog)["pageviews"] == 1
