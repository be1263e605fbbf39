"""What frames every page: the date line, the reader's links, the footer; the front's rows."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from masthead.core import dateline
from masthead.news.models import HomePage, InfoPage
from masthead.news.services import paragraph_html
from masthead.news.tests.factories import make_article
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


def soup_of(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def header_links(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".site-header__reader a")]


def today_is(day: date):
    """``timezone.localdate`` with today moved to ``day``; a given moment's date is untouched
    (the cards ask for their stories' dates through the same function)."""
    real = dateline.timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    return localdate


def test_the_date_line_is_todays_on_a_kept_front_after_midnight(paper, monkeypatch):
    monkeypatch.setattr(dateline.timezone, "localdate", today_is(date(2026, 12, 7)))
    first = Client().get("/")
    assert (
        BeautifulSoup(first.content, "html.parser").select_one(".site-header__date time").get_text()
        == "Monday 7 December 2026"
    )
    monkeypatch.setattr(dateline.timezone, "localdate", today_is(date(2026, 12, 8)))
    kept = Client().get("/")
    assert kept["X-Masthead-Cache"] == "hit"  # the same kept copy, its date filled as sent
    line = BeautifulSoup(kept.content, "html.parser").select_one(".site-header__date time")
    assert (line.get_text(), line["datetime"]) == ("Tuesday 8 December 2026", "2026-12-08")


def test_subscribers_are_not_asked_to_subscribe_and_readers_still_are(paper):
    article = paper["articles"]["vote"]
    reader = Client()
    subscriber = Client()
    make_reader("sub@example.com", subscription="active")
    assert subscriber.login(email="sub@example.com", password=PASSWORD)
    for url in ("/", article.url, "/search/"):
        assert "Subscribe" in header_links(soup_of(reader, url)), url
        page = soup_of(subscriber, url)
        assert header_links(page) == ["Your account", "Support us"], url
        assert "Subscribe" not in page.select_one(".site-footer").get_text(), url
    # Whoever came first, each kind keeps its own copy.
    assert "Subscribe" in header_links(soup_of(Client(), "/"))
    assert "Subscribe" not in header_links(soup_of(subscriber, "/"))


def test_the_footer_leads_to_the_papers_own_pages_and_they_answer(paper):
    home = HomePage.objects.get()
    about = InfoPage(
        title="About the paper",
        slug="about",
        standfirst="Who we are.",
        text=[{"type": "paragraph", "value": paragraph_html("Founded by its readers.")}],
        show_in_menus=True,
    )
    home.add_child(instance=about)
    about.save_revision().publish()
    hidden = InfoPage(title="Terms of use", slug="terms", show_in_menus=False)
    home.add_child(instance=hidden)
    hidden.save_revision().publish()

    client = Client()
    footer = soup_of(client, "/").select_one(".site-footer")
    links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
    for words in (
        "Newsletters",
        "Corrections",
        "Subscribe",
        "Support us",
        "Privacy",
        "About the paper",
    ):
        assert words in links, words
        assert client.get(links[words]).status_code == 200, links[words]
    assert "Terms of use" not in links
    assert "Founded by its readers." in client.get("/about/").content.decode()


def test_a_story_without_a_picture_is_a_row_of_words_not_an_empty_box(paper):
    bare = make_article(paper["sections"]["britain"], "Council agrees the budget", with_image=False)
    soup = soup_of(Client(), "/")
    link = soup.select_one(f'.card__headline a[href="{bare.url}"]')
    card = link.find_parent(class_="card")
    assert "card--no-image" in card["class"]
    assert card.select(".card__image") == []
    assert soup.select(".card__image--none") == []
