"""What leaves the site for machines: metadata, JSON-LD, feeds, sitemaps, robots.txt."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.core.tests.sitemaps import sitemap_locations
from masthead.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
BODY_SENTENCE = "The operator said it was disappointed by the zanzibarite result."


def jsonld_of(soup: BeautifulSoup) -> dict:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_article_carries_canonical_opengraph_and_twitter_tags(client, paper):
    article = paper["articles"]["vote"]
    soup = BeautifulSoup(client.get(article.url + "?utm_source=x").content, "html.parser")
    canonical = f"http://testserver{article.url}"
    assert soup.select_one('link[rel="canonical"]')["href"] == canonical
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    assert og["og:type"] == "article"
    assert og["og:title"] == article.title
    assert og["og:description"] == article.standfirst
    assert og["og:url"] == canonical
    assert og["og:image"].startswith("http://testserver/media/images/")
    assert og["og:image:alt"] == article.hero_image.alt_text
    twitter = {m["name"]: m["content"] for m in soup.select("meta[name^=twitter]")}
    assert twitter["twitter:card"] == "summary_large_image"
    assert twitter["twitter:title"] == article.title


def test_jsonld_is_a_complete_news_article(client, paper):
    article = paper["articles"]["deal"]
    data = jsonld_of(BeautifulSoup(client.get(article.url).content, "html.parser"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["description"] == article.standfirst
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["datePublished"] == article.first_published_at.isoformat()
    assert data["dateModified"] == article.last_published_at.isoformat()
    assert data["author"] == [
        {"@type": "Person", "name": "Tom Hollis", "url": "http://testserver/authors/tom-hollis/"}
    ]
    assert data["publisher"]["name"] == "The Daily Lantern"
    assert data["isAccessibleForFree"] is False
    assert "articleBody" not in data


def test_jsonld_says_free_for_free_sections(client, paper):
    data = jsonld_of(
        BeautifulSoup(client.get(paper["articles"]["leader"].url).content, "html.parser")
    )
    assert data["isAccessibleForFree"] is True


def test_jsonld_cannot_be_closed_early_by_a_headline(client, paper):
    article = make_article(
        paper["sections"]["world"], "Why </script><script>alert(1)</script> matters"
    )
    html = client.get(article.url).content.decode()
    assert "</script><script>alert(1)" not in html
    data = jsonld_of(BeautifulSoup(html, "html.parser"))
    assert data["headline"] == "Why </script><script>alert(1)</script> matters"


@pytest.mark.parametrize("url", ["/feeds/", "/feeds/atom/"])
def test_site_feeds_carry_title_standfirst_and_link_only(client, paper, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Deal ends the port strike after nine days"
    assert "Unpublished scoop about the quangle wangle" not in titles
    vote = next(e for e in feed.entries if e.title == "Dockers vote to strike over pay")
    assert vote.summary == "Workers at the port reject a four per cent offer."
    assert vote.link == "http://testserver/britain/dockers-vote-to-strike-over-pay/"
    assert "zanzibarite" not in response.content.decode()


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_section_feeds_carry_only_that_section(client, paper, suffix):
    response = client.get(f"/world/{suffix}")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert {e.title for e in feed.entries} == {
        "River bursts its banks upstream of Kelmar",
        "Climate talks stall over finance",
    }
    assert client.get(f"/nowhere/{suffix}").status_code == 404


def test_sitemap_lists_every_published_page_and_nothing_else(client, paper, settings):
    settings.MASTHEAD_SITEMAP_PART_SIZE = 2  # five articles: an index of three article parts
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert parts == [
        "http://testserver/sitemap-fronts.xml",
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    listed = sitemap_locations(lambda path: client.get(path).content)
    assert len(listed) == len(set(listed))
    locs = set(listed)
    expected = {f"http://testserver{a.url}" for a in paper["articles"].values()}
    expected |= {
        "http://testserver/",
        "http://testserver/britain/",
        "http://testserver/world/",
        "http://testserver/editorial/",
    }
    assert locs == expected
    for part in parts:
        root = ET.fromstring(client.get(part.replace("http://testserver", "")).content)
        urls = root.findall("s:url", SITEMAP_NS)
        assert 0 < len(urls) <= (4 if "fronts" in part else 2) and all(
            u.find("s:lastmod", SITEMAP_NS) is not None for u in urls
        )


def test_news_sitemap_has_the_last_48_hours_only(client, paper):
    old = make_article(
        paper["sections"]["world"],
        "Forty-nine hours ago",
        published_at=timezone.now() - timedelta(hours=49),
    )
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    entries = {
        u.find("news:news/news:title", SITEMAP_NS).text: u
        for u in root.findall("s:url", SITEMAP_NS)
    }
    assert set(entries) == {
        "Deal ends the port strike after nine days",
        "Climate talks stall over finance",
        "The paper's view on the strike",
    }
    assert old.title not in entries
    deal = entries["Deal ends the port strike after nine days"]
    assert deal.find("news:news/news:publication/news:name", SITEMAP_NS).text == "The Daily Lantern"
    assert deal.find("news:news/news:publication/news:language", SITEMAP_NS).text == "en"
    assert deal.find("news:news/news:publication_date", SITEMAP_NS).text


def test_robots_txt_points_at_both_sitemaps(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
