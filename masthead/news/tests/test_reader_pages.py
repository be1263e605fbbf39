"""What a reader sees on the front page, section fronts, articles, authors and topics."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.news.tests.factories import make_article

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_front_page_leads_with_the_newest_story_and_has_a_block_per_section(client, paper):
    # More stories than the lead and its secondary leads hold: the rest go to their sections.
    for section in ("britain", "world", "editorial"):
        make_article(paper["sections"][section], published_at=timezone.now() - timedelta(days=9))
    soup = soup_of(client.get("/"))
    lead = soup.select_one(".lead .card__headline a")
    assert lead.text == "Deal ends the port strike after nine days"
    blocks = [h.text.strip() for h in soup.select(".section-block__title a")]
    assert blocks == ["Britain", "World", "Editorial"]
    assert "Unpublished scoop" not in soup.text
    # The lead is not repeated in its section's block.
    assert soup.text.count("Deal ends the port strike after nine days") == 1


def test_front_page_can_lead_with_a_story_the_editor_chose(client, paper):
    home = paper["sections"]["britain"].get_parent().specific
    home.lead_story = paper["articles"]["floods"]
    home.save_revision().publish()
    soup = soup_of(client.get("/"))
    assert (
        soup.select_one(".lead .card__headline a").text
        == "River bursts its banks upstream of Kelmar"
    )


def test_section_front_lists_its_stories_newest_first(client, paper):
    soup = soup_of(client.get("/britain/"))
    assert soup.select_one("h1").text == "Britain"
    headlines = [a.text for a in soup.select(".card__headline a")]
    assert headlines == [
        "Deal ends the port strike after nine days",
        "Dockers vote to strike over pay",
    ]


def test_section_front_is_paginated_and_bad_pages_never_fail(client, paper, settings):
    settings.MASTHEAD_ARTICLES_PER_PAGE = 1
    first = soup_of(client.get("/britain/"))
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    second = soup_of(client.get("/britain/?page=2"))
    assert [a.text for a in second.select(".card__headline a")] == [
        "Dockers vote to strike over pay"
    ]
    for bad in ["abc", "0", "-3", "1e9", "%00", "２"]:
        response = client.get(f"/britain/?page={bad}")
        assert response.status_code in (200, 404), bad
    assert client.get("/britain/?page=abc").status_code == 200
    assert client.get("/britain/?page=99").status_code == 404


def test_article_page_has_everything_the_reference_page_has(client, paper):
    article = paper["articles"]["deal"]
    soup = soup_of(client.get(article.url))
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#main" and soup.select_one("main#main")
    assert [h.text for h in soup.select("h1")] == [article.title]
    assert soup.select_one(".article__section a")["href"] == "/britain/"
    assert soup.select_one(".article__standfirst").text == article.standfirst
    figure = soup.select_one("figure.article__hero")
    assert figure.img["alt"] == article.hero_image.alt_text
    assert "A quay at dusk" in figure.figcaption.text
    assert figure.select_one(".credit").text == "Illustration: Test Artist/The Daily Lantern"
    byline = soup.select_one(".byline a")
    assert byline.text == "Tom Hollis" and byline["href"] == "/authors/tom-hollis/"
    times = soup.select(".dateline time")
    assert len(times) == 2  # published and updated
    assert times[0]["datetime"].startswith(
        timezone.localtime(article.first_published_at).date().isoformat()
    )
    paragraphs = soup.select(".article__body p")
    assert len(paragraphs) == 6
    assert [a.text for a in soup.select(".topics a")] == ["Port strike"]


def test_body_blocks_render_subheadings_and_quotes(client, paper):
    soup = soup_of(client.get(paper["articles"]["vote"].url))
    assert soup.select_one(".article__body h2").text == "What happens next"
    assert soup.select_one(".pullquote blockquote").text.strip() == "We have been pushed to this."
    assert len(soup.select(".dateline time")) == 1  # never updated


def test_headings_go_in_order(client, paper):
    for url in ["/", "/britain/", paper["articles"]["vote"].url, "/authors/tom-hollis/"]:
        soup = soup_of(client.get(url))
        levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
        assert levels[0] == 1, url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (url, levels)


def test_author_page_lists_their_stories(client, paper):
    soup = soup_of(client.get("/authors/ines-duarte/"))
    assert soup.select_one("h1").text == "Ines Duarte"
    assert {a.text for a in soup.select(".card__headline a")} == {
        "River bursts its banks upstream of Kelmar",
        "Climate talks stall over finance",
    }


def test_topic_page_lists_stories_across_sections(client, paper):
    soup = soup_of(client.get("/topics/port-strike/"))
    assert [a.text for a in soup.select(".card__headline a")] == [
        "Deal ends the port strike after nine days",
        "The paper's view on the strike",
        "Dockers vote to strike over pay",
    ]
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_a_draft_is_not_readable(client, paper):
    assert (
        client.get(
            paper["draft"].url or "/britain/unpublished-scoop-about-the-quangle-wangle/"
        ).status_code
        == 404
    )


def test_a_missing_page_is_a_real_404_page(client, paper):
    response = client.get("/britain/no-such-story/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("h1").text == "We can’t find that page"
    assert soup.select_one("a.skip-link") and soup.select_one("nav.section-nav")


def test_a_server_error_is_a_proper_page_that_needs_no_database(rf, django_assert_num_queries):
    from masthead.core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_article_view_costs_a_fixed_number_of_queries(client, paper, django_assert_max_num_queries):
    article = paper["articles"]["deal"]
    client.get(article.url)  # renditions are made on first view
    # The meter's four (its two statements, in a savepoint of the test's transaction); the
    # story, its topics, authors and hero renditions; the similar-stories list.
    with django_assert_max_num_queries(9):
        assert client.get(article.url).status_code == 200


def test_fronts_cost_the_same_queries_with_two_stories_or_ten(client, paper, settings):
    britain = paper["sections"]["britain"]
    # What rendering costs: the shared page cache would answer without a query.
    settings.MASTHEAD_EDGE = {**settings.MASTHEAD_EDGE, "enabled": False}

    def queries_for(url: str) -> int:
        client.get(url)  # first view makes the image renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = {url: queries_for(url) for url in ["/", "/britain/", "/authors/tom-hollis/"]}
    for hours in range(8):
        make_article(
            britain,
            authors=[paper["authors"]["hollis"]],
            published_at=timezone.now() - timedelta(hours=10 + hours),
        )
    after = {url: queries_for(url) for url in before}
    assert after == before


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "up"
