"""Story forms: kinds with their own label, look and schema.org type; kicker; social card;
related links; embargo; a draft's preview that says it is a draft; the writer's byline."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from masthead.news.models import ArticleKind, ArticlePage, ArticleRelatedLink
from masthead.news.tests.factories import AuthorFactory, make_article, make_image

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests"


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def jsonld_of(soup: BeautifulSoup) -> dict:
    (script,) = soup.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def republished(article: ArticlePage, **fields) -> ArticlePage:
    for name, value in fields.items():
        setattr(article, name, value)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def newsroom_user(email: str, group: str):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


# Kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "schema_type", "label"),
    [
        (ArticleKind.NEWS, "NewsArticle", None),
        (ArticleKind.ANALYSIS, "AnalysisNewsArticle", "Analysis"),
        (ArticleKind.OPINION, "OpinionNewsArticle", "Opinion"),
        (ArticleKind.REVIEW, "ReviewNewsArticle", "Review"),
        (ArticleKind.OBITUARY, "NewsArticle", "Obituary"),
    ],
)
def test_each_kind_has_its_label_look_and_schema_org_type(client, paper, kind, schema_type, label):
    article = republished(paper["articles"]["vote"], kind=kind)
    soup = soup_of(client.get(article.url))
    assert jsonld_of(soup)["@type"] == schema_type
    assert f"article--{kind}" in soup.select_one("article.article")["class"]
    shown = soup.select_one(".article__kind")
    assert (shown.get_text(strip=True) if shown else None) == label


def test_the_kicker_stands_above_the_headline(client, paper):
    article = republished(
        paper["articles"]["vote"], kind=ArticleKind.ANALYSIS, kicker="Port strike"
    )
    header = soup_of(client.get(article.url)).select_one(".article__header")
    kicker = header.select_one(".article__kicker")
    assert kicker.get_text(" ", strip=True) == "Analysis | Port strike"
    assert kicker.find_next_sibling("h1").get_text() == article.title


def test_an_opinion_piece_shows_its_writers_picture(client, paper):
    columnist = AuthorFactory(name="Maud Ferris", photo=make_image(alt_text="Maud Ferris"))
    article = paper["articles"]["vote"]
    article.article_authors.all().delete()
    article = ArticlePage.objects.get(pk=article.pk)
    article.article_authors.create(author=columnist)
    article = republished(article, kind=ArticleKind.OPINION)
    byline = soup_of(client.get(article.url)).select_one(".article__byline")
    assert byline.select_one("img.byline__photo") is not None
    assert "Maud Ferris" in byline.get_text()

    news = republished(article, kind=ArticleKind.NEWS)
    assert soup_of(client.get(news.url)).select_one("img.byline__photo") is None


# The social card ---------------------------------------------------------------------------


def test_the_social_headline_and_image_are_what_a_share_shows(client, paper):
    article = paper["articles"]["vote"]
    plain = soup_of(client.get(article.url))
    hero_image = {m["property"]: m["content"] for m in plain.select("meta[property]")}["og:image"]

    social = make_image(alt_text="A picket line at the gates in the rain")
    article = republished(
        article, social_headline="1,400 dockers walk out: what it means", social_image=social
    )
    soup = soup_of(client.get(article.url))
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    twitter = {m["name"]: m["content"] for m in soup.select("meta[name^='twitter:']")}
    assert og["og:title"] == twitter["twitter:title"] == "1,400 dockers walk out: what it means"
    assert og["og:image"] == twitter["twitter:image"] != hero_image
    assert f"/images/{social.file.name.split('/')[-1].rsplit('.', 1)[0]}" in og["og:image"]
    assert og["og:image:alt"] == "A picket line at the gates in the rain"
    # The page itself and its structured data keep the headline and hero.
    assert soup.select_one("h1").get_text() == article.title
    assert jsonld_of(soup)["headline"] == article.title
    assert jsonld_of(soup)["image"] == [hero_image]


# Related links -----------------------------------------------------------------------------


def test_related_links_show_to_every_reader_in_the_editors_order(client, paper):
    article, floods, draft = (
        paper["articles"]["vote"],
        paper["articles"]["floods"],
        paper["draft"],
    )
    article.related_links = [
        ArticleRelatedLink(page=floods),
        ArticleRelatedLink(url="https://example.org/port-report", title="The port's annual report"),
        ArticleRelatedLink(page=draft),
    ]
    article = republished(article)

    def related(response) -> list[str]:
        aside = soup_of(response).select_one(".article__related")
        return [a.get_text() for a in aside.select("a")] if aside else []

    full = client.get(article.url)
    assert soup_of(full).select("div.article__metered")  # the full text
    assert related(full) == [floods.title, "The port's annual report"]

    past_the_meter = Client()
    for story in [make_article(paper["sections"]["world"]) for _ in range(5)]:
        past_the_meter.get(story.url)
    teaser = past_the_meter.get(article.url)
    assert not soup_of(teaser).select("div.article__metered")  # past the meter: the teaser
    assert related(teaser) == [floods.title, "The port's annual report"]

    floods.unpublish()  # the kept page follows the stories it links to
    assert related(client.get(article.url)) == ["The port's annual report"]


# A draft's preview -------------------------------------------------------------------------


def preview_in_the_admin(client, article, **fields) -> BeautifulSoup:
    edit = f"/admin/pages/{article.pk}/edit/"
    form = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    form.update(
        nested_form_data(
            {"body": streamfield([("paragraph", rich_text("<p>The first paragraph.</p>"))])}
        )
    )
    for name, value in fields.items():
        form[name] = value
    posted = client.post(edit + "preview/", form)
    assert posted.json()["is_valid"], posted.content
    return soup_of(client.get(edit + "preview/"))


def test_a_never_published_drafts_preview_says_it_is_a_draft(client, paper):
    assert client.login(email=newsroom_user("e@example.com", "Editors").email, password=PASSWORD)
    draft = paper["draft"]
    dateline = preview_in_the_admin(client, draft).select_one(".dateline").get_text(" ", strip=True)
    assert dateline == "Draft — not yet published"

    embargo = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(embargo)
    soup = preview_in_the_admin(client, draft, embargo_until=local.strftime("%Y-%m-%d %H:%M"))
    dateline = soup.select_one(".dateline").get_text(" ", strip=True)
    assert dateline == f"Scheduled for {local:%-d %B %Y, %H:%M}"

    published = paper["articles"]["vote"]
    soup = preview_in_the_admin(client, published)
    assert soup.select_one(".dateline").get_text(" ", strip=True).startswith("Published ")


# Embargo -----------------------------------------------------------------------------------


def test_publishing_in_the_admin_before_the_embargo_schedules_the_story(client, paper):
    assert client.login(email=newsroom_user("e@example.com", "Editors").email, password=PASSWORD)
    draft = paper["draft"]
    embargo = (timezone.now() + timedelta(hours=6)).replace(second=0, microsecond=0)
    edit = f"/admin/pages/{draft.pk}/edit/"
    form = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    form.update(
        nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Embargoed.</p>"))])})
    )
    form["embargo_until"] = timezone.localtime(embargo).strftime("%Y-%m-%d %H:%M")
    form["action-publish"] = "action-publish"
    assert client.post(edit, form).status_code == 302

    draft = ArticlePage.objects.get(pk=draft.pk)
    assert not draft.live
    assert draft.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == embargo
    assert client.get(draft.url).status_code == 404


def test_an_embargo_holds_back_a_publishing_time_set_before_it(paper):
    now = timezone.now().replace(microsecond=0)
    draft = paper["draft"]
    draft.go_live_at = now + timedelta(hours=1)
    draft.embargo_until = now + timedelta(hours=2)
    draft.save_revision().publish()
    assert draft.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == (
        now + timedelta(hours=2)
    )

    later = ArticlePage.objects.get(pk=draft.pk)
    later.go_live_at = now + timedelta(hours=3)  # after the embargo: the later time stands
    later.save_revision().publish()
    assert later.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == (
        now + timedelta(hours=3)
    )


# The writer's byline -----------------------------------------------------------------------


def test_a_new_story_starts_with_its_writer_in_the_byline(client, paper):
    writer = newsroom_user("w@example.com", "Writers")
    wyn = AuthorFactory(name="Wyn Writer", user=writer)
    assert client.login(email=writer.email, password=PASSWORD)
    britain = paper["sections"]["britain"]
    form = querydict_from_html(
        client.get(f"/admin/pages/add/news/articlepage/{britain.pk}/").content.decode(),
        form_id="page-edit-form",
    )
    assert form["article_authors-0-author"] == str(wyn.pk)

    # Someone without an author profile starts with an empty byline to fill.
    client.logout()
    assert client.login(email=newsroom_user("e@example.com", "Editors").email, password=PASSWORD)
    form = querydict_from_html(
        client.get(f"/admin/pages/add/news/articlepage/{britain.pk}/").content.decode(),
        form_id="page-edit-form",
    )
    assert form["article_authors-0-author"] == ""


def test_cards_carry_the_kind_and_kicker_above_the_headline(client, paper):
    republished(paper["articles"]["deal"], kind=ArticleKind.ANALYSIS, kicker="Port strike")
    soup = soup_of(client.get(paper["sections"]["britain"].url))
    card = next(c for c in soup.select(".card") if "nine days" in c.get_text())
    top = card.select_one(".card__top")
    assert top.select_one(".card__kind").get_text() == "Analysis"
    assert top.select_one(".card__kicker").get_text() == "Port strike"
    assert top.find_next_sibling(class_="card__headline") is not None
