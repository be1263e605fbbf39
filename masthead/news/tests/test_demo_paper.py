"""The demo paper: complete, original in shape, and every article fully marked up."""

import json
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import authenticate
from django.core.management import call_command

from masthead.core.tests.sitemaps import sitemap_locations
from masthead.news.demo.loader import DEMO_PASSWORD, article_specs, paper_spec
from masthead.news.models import ArticlePage, SectionPage
from masthead.news.structured_data import SCHEMA_TYPES

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_demo_files_describe_a_whole_paper():
    paper, specs = paper_spec(), article_specs()
    assert len(paper["sections"]) == 6
    assert len(specs) >= 36
    assert len({s["slug"] for s in specs}) == len(specs)
    section_slugs = {s["slug"] for s in paper["sections"]}
    for spec in specs:
        paragraphs = [b for b in spec["body"] if b["type"] == "paragraph"]
        assert 5 <= len(paragraphs) <= 12, spec["slug"]
        assert spec["section"] in section_slugs
        assert spec["image"] is None or spec["image"]["alt"].strip(), spec["slug"]
    assert 1 <= sum(spec["image"] is None for spec in specs) <= 3  # a few stories in words only
    by_topic = defaultdict(list)
    for spec in specs:
        for topic in spec.get("topics", []):
            by_topic[topic].append(spec["days_ago"])
    developing = by_topic["ardmouth-port-strike"]
    assert len(developing) >= 5 and len(set(developing)) >= 4


@pytest.fixture
def demo_paper(db, demo_paper_once):
    return demo_paper_once


def test_load_demo_fills_an_empty_database_and_only_once(demo_paper, capsys):
    assert demo_paper.sections == 6 and demo_paper.articles >= 36
    assert SectionPage.objects.live().count() == 6
    call_command("load_demo", "--if-empty")
    assert "already has content" in capsys.readouterr().out
    assert ArticlePage.objects.count() == demo_paper.articles


def test_demo_accounts_log_in_with_the_documented_password(demo_paper):
    for email in ["reader@example.com", "subscriber@example.com", "editor@example.com"]:
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email
    editor = authenticate(email="editor@example.com", password=DEMO_PASSWORD)
    assert editor.is_staff and editor.groups.filter(name="Editors").exists()


def test_every_article_in_the_sitemap_has_the_reference_elements(client, demo_paper):
    # A subscriber reads every article in full.
    assert client.login(email="subscriber@example.com", password=DEMO_PASSWORD)
    urls = [
        loc.replace("http://testserver", "")
        for loc in sitemap_locations(lambda path: client.get(path).content)
    ]
    article_urls = [u for u in urls if u.count("/") == 3]
    assert len(article_urls) == demo_paper.articles
    words_only = []
    for url in article_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("a.skip-link[href='#main']"), url
        assert len(soup.select("h1")) == 1, url
        assert soup.select_one(".article__section a"), url
        assert soup.select_one(".article__standfirst").text.strip(), url
        figure = soup.select_one("figure.article__hero")
        if figure is None:
            words_only.append(url.rstrip("/").rsplit("/", 1)[-1])
        else:
            assert figure.img["alt"].strip() and figure.figcaption.select_one(".credit"), url
        assert soup.select_one(".byline a[href^='/authors/']"), url
        assert soup.select_one(".dateline time[datetime]"), url
        assert len(soup.select(".article__body p")) >= 5, url
        assert soup.select(".topics a"), url
        data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        live_blog = "LiveBlogPosting"  # masthead/liveblogs: a story told entry by entry
        assert data["@type"] in {*SCHEMA_TYPES.values(), live_blog}, url
        assert data["headline"] == soup.h1.text, url
    assert sorted(words_only) == sorted(s["slug"] for s in article_specs() if s["image"] is None)


def test_the_developing_story_runs_over_several_days(client, demo_paper):
    response = client.get("/topics/ardmouth-port-strike/")
    soup = BeautifulSoup(response.content, "html.parser")
    dates = {t["datetime"][:10] for t in soup.select(".card__meta time")}
    assert len(soup.select(".card")) >= 5 and len(dates) >= 4


def test_the_demo_has_every_kind_of_story_and_bylines_for_its_newsroom(demo_paper, client):
    from masthead.news.models import ArticleKind, Author

    kinds = defaultdict(list)
    for article in ArticlePage.objects.live().select_related():
        kinds[article.kind].append(article)
    assert set(kinds) == set(ArticleKind.values)
    assert len(kinds[ArticleKind.REVIEW]) >= 2 and kinds[ArticleKind.ANALYSIS]
    editorial = ArticlePage.objects.child_of(SectionPage.objects.get(slug="editorial"))
    assert set(editorial.values_list("kind", flat=True)) == {ArticleKind.OPINION}
    assert any(
        author.photo_id and author.role == "Columnist"
        for article in kinds[ArticleKind.OPINION]
        for author in article.authors
    )
    assert ArticlePage.objects.exclude(kicker="").count() >= 5
    assert set(Author.objects.filter(user__isnull=False).values_list("user__email", flat=True)) == {
        "writer@example.com",
        "editor@example.com",
    }
    obituary = kinds[ArticleKind.OBITUARY][0]
    data = json.loads(
        BeautifulSoup(client.get(obituary.url).content, "html.parser")
        .select_one('script[type="application/ld+json"]')
        .string
    )
    assert data["@type"] == "NewsArticle"


def test_the_demo_corrects_two_stories_one_of_them_twice(client, demo_paper):
    from masthead.corrections.models import Correction

    corrections = list(Correction.objects.select_related("supersedes"))
    assert len({c.article_id for c in corrections}) == 2
    superseding = [c for c in corrections if c.supersedes]
    assert len(superseding) == 1
    assert superseding[0].supersedes.article_id == superseding[0].article_id
    listing = BeautifulSoup(client.get("/corrections/").content, "html.parser").get_text()
    assert all(c.wrong in " ".join(listing.split()) for c in corrections)


def test_the_demo_breaking_banner_leads_to_the_live_blog_and_leaves_the_paywall_be(
    client, demo_paper
):
    from masthead.breaking.models import BreakingBanner, PublicInterestUnlock
    from masthead.liveblogs.models import LiveBlogPage
    from masthead.paywall.tests.test_attack_suite import exhausted_reader

    blog = LiveBlogPage.objects.live().get()
    ready = BreakingBanner.objects.get()
    front = BeautifulSoup(client.get("/").content, "html.parser")
    assert not ready.live and front.select_one("section.breaking") is None
    assert front.select_one("section.appeal") is not None  # an everyday page: the appeal
    ready.live = True  # an editor ticks "switched on"
    ready.save()
    front = BeautifulSoup(client.get("/").content, "html.parser")
    banner = front.select_one("section.breaking")
    assert "Breaking news" in banner.get_text() and "Kelmar" in banner.get_text()
    assert banner.select_one("a")["href"] == blog.url
    assert front.select_one("section.appeal") is None  # it takes the appeal's place
    assert not PublicInterestUnlock.objects.exists()  # it unlocks nothing
    exhausted_reader(client)
    teaser = BeautifulSoup(client.get(blog.url).content, "html.parser")
    assert teaser.select_one(".offer") is not None  # the paywall is still there to see
    assert teaser.select_one("section.breaking--line") is not None  # one line above it
