from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

pytestmark = pytest.mark.django_db


def results(client, **params) -> list[str]:
    response = client.get("/search/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select(".search-result__headline a")]


def test_search_finds_an_article_by_a_word_of_its_headline(client, paper):
    assert results(client, q="Kelmar") == ["River bursts its banks upstream of Kelmar"]


def test_search_finds_words_in_the_body_but_shows_only_headline_and_standfirst(client, paper):
    response = client.get("/search/", {"q": "zanzibarite"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.text for a in soup.select(".search-result__headline a")] == [
        "Dockers vote to strike over pay"
    ]
    assert (
        soup.select_one(".search-result__standfirst").text
        == "Workers at the port reject a four per cent offer."
    )
    assert "disappointed by the zanzibarite result" not in soup.text


def test_drafts_are_never_found(client, paper):
    assert results(client, q="quangle") == []


def test_search_filters_by_section(client, paper):
    assert set(results(client, q="strike")) >= {"Dockers vote to strike over pay"}
    assert results(client, q="strike", section="world") == []
    assert "Dockers vote to strike over pay" in results(client, q="strike", section="britain")


def test_search_filters_by_date(client, paper):
    today = timezone.localdate()
    recent = results(client, q="strike", since=(today - timedelta(days=1)).isoformat())
    assert "Dockers vote to strike over pay" not in recent
    assert "Deal ends the port strike after nine days" in recent
    older = results(client, q="strike", until=(today - timedelta(days=2)).isoformat())
    assert older == ["Dockers vote to strike over pay"]


def test_search_paginates(client, paper):
    response = client.get("/search/", {"q": "story"})
    assert response.status_code == 200
    assert client.get("/search/", {"q": "strike", "page": "500"}).status_code == 404
    assert client.get("/search/", {"q": "strike", "page": "x"}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 5000,
        "\x00\x01strike",
        '"unclosed',
        "strike OR 1=1; DROP TABLE news_articlepage;--",
        "<script>alert(1)</script>",
        "ストライキ 🚢",
        "%",
        "*",
        "(((",
        "AND",
        "-",
        "'",
        "\\",
    ],
)
def test_odd_queries_get_a_page_not_an_error(client, paper, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "strike", "section": "no-such-section"},
        {"q": "strike", "since": "yesterday"},
        {"q": "strike", "since": "2026-13-45"},
        {"q": "strike", "since": "2026-02-01", "until": "2026-01-01"},
    ],
)
def test_bad_filters_get_a_clear_message_not_an_error(client, paper, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".errorlist, .field-error, .form-errors")
