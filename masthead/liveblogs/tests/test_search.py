"""A live blog is found by the words of its entries, and its results show none of them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.liveblogs.services import entry_publish, new_entry
from masthead.liveblogs.tests.factories import make_live_blog
from masthead.news.tests.factories import body_of, make_section
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db


def results(client, words: str) -> BeautifulSoup:
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("main") or BeautifulSoup(
        response.content, "html.parser"
    )


def found(client, words: str) -> list[str]:
    return [a.get_text() for a in results(client, words).select(".search-result__headline a")]


def test_a_word_only_an_entry_has_finds_the_blog(client):
    blog = make_live_blog(make_section("World"))  # "Words of entry N, only for readers who …"
    assert found(client, "Zarnovic") == []
    entry_publish(
        blog,
        new_entry(headline="Ferry sails again", body=body_of(["Captain Zarnovic takes the helm."])),
    )
    assert found(client, "Zarnovic") == [blog.title]  # a word of the body
    assert found(client, "ferry sails") == [blog.title]  # and of the headline


def test_a_reader_past_the_limit_finds_the_blog_but_reads_no_withheld_entry_in_the_results(client):
    blog = make_live_blog(make_section("World"))
    exhausted_reader(client)
    # The first entry is the teaser's; the sixth is withheld from this reader.
    assert "Words of entry 6" not in client.get(blog.url).content.decode()
    page = results(client, "entry 6")
    assert [a.get_text() for a in page.select(".search-result__headline a")] == [blog.title]
    assert "Words of entry 6" not in page.get_text()
    assert "Entry 6 headline" not in page.get_text()


def live_results(client, words: str) -> dict[str, bool]:
    """Each result's headline, and whether it says "Live"."""
    return {
        item.select_one(".search-result__headline a").get_text(): bool(
            item.select_one(".card__marker--live")
        )
        for item in results(client, words).select(".search-result")
    }


def test_a_result_says_live_while_the_coverage_runs_and_not_once_closed(client):
    section = make_section("World")
    running = make_live_blog(section, headline="Live: the river rises at Millbridge")
    make_live_blog(section, closed=True, headline="Live: the Millbridge count")
    expected = {"Live: the river rises at Millbridge": True, "Live: the Millbridge count": False}
    assert live_results(client, "Millbridge") == expected

    running.coverage_end = timezone.now()
    running.save_revision().publish()  # as the desk closes it in the editor
    assert not any(live_results(client, "Millbridge").values())
