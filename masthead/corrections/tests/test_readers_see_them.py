"""What readers and machines see of corrections: the story, its JSON-LD, the list and feeds."""

import json
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.corrections.models import Correction
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db


def correct(article, wrong, right="In fact it was Wednesday.", ago=timedelta(minutes=5), **kw):
    return Correction.objects.create(
        article=article, wrong=wrong, right=right, corrected_at=timezone.now() - ago, **kw
    )


def jsonld_of(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_the_story_shows_its_correction_and_its_new_updated_time(client, paper):
    article = paper["articles"]["floods"]  # published five days ago, never republished
    before = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert before.select_one(".dateline__updated") is None
    assert before.select_one(".corrections") is None
    assert Client().get(article.url).get("X-Masthead-Cache") == "hit"  # kept for new readers
    correction = correct(article, "An earlier version said the river rose on Tuesday.")

    soup = BeautifulSoup(Client().get(article.url).content, "html.parser")  # not the kept copy
    box = " ".join(soup.select_one(".corrections").get_text().split())
    shown = timezone.localtime(correction.corrected_at).strftime("%-d %B %Y, %H:%M")
    assert f"Correction, {shown}:" in box
    assert "An earlier version said the river rose on Tuesday. In fact it was Wednesday." in box
    updated = soup.select_one(".dateline__updated time")
    assert updated["datetime"] == timezone.localtime(correction.corrected_at).isoformat()


def test_jsonld_carries_each_correction_with_its_date(client, paper):
    article = paper["articles"]["floods"]
    first = correct(article, "It said 40 homes.", "It was 400.", ago=timedelta(hours=3))
    second = correct(article, "Our correction said 400.", "It was 340.", supersedes=first)
    data = jsonld_of(client.get(article.url))
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Our correction said 400. It was 340.",
            "datePublished": second.corrected_at.isoformat(),
        },
        {
            "@type": "CorrectionComment",
            "text": "It said 40 homes. It was 400.",
            "datePublished": first.corrected_at.isoformat(),
        },
    ]
    assert data["dateModified"] == second.corrected_at.isoformat()
    uncorrected = jsonld_of(client.get(paper["articles"]["talks"].url))
    assert "correction" not in uncorrected


def test_a_reader_past_the_limit_still_sees_the_correction(client, paper):
    article = paper["articles"]["vote"]
    correct(article, "An earlier version said the vote was on Sunday.")
    exhausted_reader(client)
    page = client.get(article.url).content.decode()
    assert "Talks are expected to resume" not in page  # the rest of the story is withheld
    assert "An earlier version said the vote was on Sunday." in page


def test_the_corrections_page_lists_them_newest_first_twenty_a_page(client, paper):
    article = paper["articles"]["vote"]
    for n in range(21):
        correct(article, f"Mistake number {n}.", ago=timedelta(minutes=100 - n))
    soup = BeautifulSoup(client.get("/corrections/").content, "html.parser")
    items = soup.select(".corrections-list__item")
    assert len(items) == 20
    assert "Mistake number 20." in items[0].get_text()
    assert items[0].select_one("a").get_text() == article.title
    assert items[0].select_one("a")["href"].startswith(article.url)
    second = BeautifulSoup(client.get("/corrections/?page=2").content, "html.parser")
    assert [
        "Mistake number 0." in i.get_text() for i in second.select(".corrections-list__item")
    ] == [True]
    assert client.get("/corrections/?page=3").status_code == 404


def test_only_corrections_of_live_public_stories_are_listed_or_fed(client, paper):
    shown = correct(paper["articles"]["vote"], "Said of a live story.")
    correct(paper["draft"], "Said of a draft.")
    private = paper["articles"]["talks"]
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
    correct(private, "Said of a story behind a password.")

    listing = client.get("/corrections/").content.decode()
    rss = feedparser.parse(client.get("/corrections/feed/").content)
    atom = feedparser.parse(client.get("/corrections/feed/atom/").content)
    assert not rss.bozo and not atom.bozo
    assert rss.version.startswith("rss") and atom.version.startswith("atom")
    for feed in (rss, atom):
        assert [entry.summary for entry in feed.entries] == [shown.text]
        assert feed.entries[0].link.endswith(
            f"{paper['articles']['vote'].url}#correction-{shown.pk}"
        )
    assert "Said of a live story." in listing
    assert "draft" not in listing and "password" not in listing
