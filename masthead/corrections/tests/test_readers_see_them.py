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


def test_the_sitemap_gives_a_corrected_story_its_correction_day(client, paper, settings):
    import xml.etree.ElementTree as ET

    settings.MASTHEAD_SITEMAP_PART_SIZE = 1000
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    article = paper["articles"]["floods"]  # published five days ago

    def lastmod() -> str:
        root = ET.fromstring(client.get("/sitemap-articles.xml").content)
        urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
        return urls[f"http://testserver{article.url}"].find("s:lastmod", ns).text

    assert lastmod() == article.last_published_at.date().isoformat()
    correction = correct(article, "It said Tuesday.", ago=timedelta(minutes=1))
    assert (
        lastmod()
        == correction.corrected_at.date().isoformat()
        != (article.last_published_at.date().isoformat())
    )


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


def test_a_live_blog_shows_its_correction_in_its_header_and_its_data(client, paper):
    from masthead.liveblogs.tests.factories import make_live_blog

    blog = make_live_blog(paper["sections"]["world"])
    page = BeautifulSoup(client.get(blog.url).content, "html.parser")
    assert page.select_one(".corrections") is None
    assert page.select_one(".article__kind").get_text() == "Live"  # the shared header, its label
    correction = correct(blog, "An earlier entry put the river at 7.4 metres.", "It was 7.2.")

    soup = BeautifulSoup(Client().get(blog.url).content, "html.parser")  # not the kept copy
    box = " ".join(soup.select_one(".article__byline + .corrections").get_text().split())
    assert "An earlier entry put the river at 7.4 metres. It was 7.2." in box
    assert soup.select_one(".article__headline").get_text() == blog.title
    updated = soup.select_one(".dateline__updated time")
    assert updated["datetime"] == timezone.localtime(correction.corrected_at).isoformat()
    data = jsonld_of(Client().get(blog.url))
    assert data["@type"] == "LiveBlogPosting"
    assert [c["text"] for c in data["correction"]] == [correction.text]
    assert data["dateModified"] == correction.corrected_at.isoformat()


def card_of(url: str, article) -> BeautifulSoup:
    soup = BeautifulSoup(Client().get(url).content, "html.parser")
    link = soup.select_one(f'.card__headline a[href="{article.url}"]')
    assert link is not None, url
    return link.find_parent(class_="card")


def test_a_correction_moves_the_updated_time_on_the_storys_cards(paper):
    article = paper["articles"]["floods"]  # never republished: its cards say nothing of updates
    lists = ["/", article.section.url, article.authors[0].get_absolute_url()]
    for url in lists:
        assert card_of(url, article).select_one(".card__updated") is None, url
    assert Client().get("/")["X-Masthead-Cache"] == "hit"  # the front is kept
    correction = correct(article, "An earlier version said the river rose on Tuesday.")

    shown = timezone.localtime(correction.corrected_at)
    for url in lists:  # kept fronts included
        card = card_of(url, article)
        assert card.get_text().count("Updated") == 1, url  # said once per card
        updated = card.select_one(".card__updated time")
        assert updated["datetime"] == shown.isoformat(), url
        published = timezone.localtime(article.first_published_at)
        same_day = published.date() == shown.date()
        assert updated.get_text() == (f"{shown:%H:%M}" if same_day else f"{shown:%-d %B, %H:%M}")
