"""The front page as editors arrange it: lead, secondary leads, sections, opinion, most read."""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from masthead.core.versions import page_versions
from masthead.edge.store import page_cache
from masthead.news.markers import marker_for
from masthead.news.models import ArticleKind, ArticlePage, HomePage
from masthead.news.selectors import front_page
from masthead.news.tests.factories import AuthorFactory, make_article, make_image
from masthead.readership.counter import flush_reads, forget_pending_reads, record_read
from masthead.readership.most_read import forget_most_read, refresh_most_read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_counts_from_earlier_tests():
    forget_pending_reads()
    forget_most_read()
    yield
    forget_pending_reads()
    forget_most_read()


def home() -> HomePage:
    return HomePage.objects.get()


def arrange(*blocks: tuple[str, dict]) -> HomePage:
    page = home()
    page.layout = json.dumps([{"type": kind, "value": value} for kind, value in blocks])
    page.save_revision().publish()
    return page


def soup_of(client=None) -> BeautifulSoup:
    response = (client or Client()).get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def headlines(soup, selector: str) -> list[str]:
    return [a.text.strip() for a in soup.select(f"{selector} .card__headline a")]


def make_opinion(section, headline: str, writer, hours_ago: int) -> ArticlePage:
    piece = make_article(
        section,
        headline,
        authors=[writer],
        published_at=timezone.now() - timedelta(hours=hours_ago),
    )
    ArticlePage.objects.filter(pk=piece.pk).update(kind=ArticleKind.OPINION)
    return piece


@pytest.fixture
def bigger_paper(paper):
    """The small paper and a day's more stories, so every place on the front can be filled."""
    now = timezone.now()
    for name in ("britain", "world"):
        for n in range(4):
            make_article(
                paper["sections"][name],
                f"Older {name} story {n}",
                published_at=now - timedelta(days=6, hours=n),
            )
    return paper


def test_a_fresh_front_leads_with_the_newest_stories_and_never_repeats_one(bigger_paper):
    soup = soup_of()
    assert headlines(soup, ".front-lead__main") == ["Deal ends the port strike after nine days"]
    assert headlines(soup, ".front-lead__secondary") == [
        "The paper's view on the strike",
        "Climate talks stall over finance",
        "Dockers vote to strike over pay",
        "River bursts its banks upstream of Kelmar",
    ]
    every = [a.text for a in soup.select(".card__headline a")]
    assert len(every) == len(set(every)) == 5 + 8
    assert [h.text for h in soup.select(".section-block__title a")] == ["Britain", "World"]


def test_the_editors_layout_is_followed_and_empty_places_fill_by_recency(bigger_paper):
    articles, sections = bigger_paper["articles"], bigger_paper["sections"]
    arrange(
        ("lead", {"stories": [articles["floods"].pk, articles["vote"].pk], "secondary": 2}),
        (
            "section",
            {
                "section": sections["world"].pk,
                "layout": "across",
                "count": 3,
                "stories": [articles["talks"].pk],
            },
        ),
        ("section", {"section": sections["britain"].pk, "layout": "list", "count": 2}),
    )
    soup = soup_of()
    assert headlines(soup, ".front-lead__main") == ["River bursts its banks upstream of Kelmar"]
    # The second place is the editor's; the third is the newest story not yet on the front.
    assert headlines(soup, ".front-lead__secondary") == [
        "Dockers vote to strike over pay",
        "Deal ends the port strike after nine days",
    ]
    world = soup.select_one(".section-block--across")
    assert headlines(world, "") == [
        "Climate talks stall over finance",
        "Older world story 0",
        "Older world story 1",
    ]
    britain = soup.select_one(".section-block--list")
    assert headlines(britain, "") == ["Older britain story 0", "Older britain story 1"]


def test_the_old_lead_story_still_leads_when_the_layout_names_none(bigger_paper):
    page = home()
    page.lead_story = bigger_paper["articles"]["talks"]
    page.save_revision().publish()
    assert headlines(soup_of(), ".front-lead__main") == ["Climate talks stall over finance"]


def test_a_story_placed_by_hand_but_unpublished_leaves_its_place_to_the_newest(bigger_paper):
    arrange(("lead", {"stories": [bigger_paper["draft"].pk], "secondary": 0}))
    assert headlines(soup_of(), ".front-lead__main") == [
        "Deal ends the port strike after nine days"
    ]


def test_the_opinion_column_shows_opinion_with_the_writers_pictures(bigger_paper):
    editorial = bigger_paper["sections"]["editorial"]
    writer = AuthorFactory(name="Mara Quell", photo=make_image(alt_text="Mara Quell"))
    make_opinion(editorial, "Let the dockers be paid", writer, 1)
    make_opinion(editorial, "The port needs a plan", AuthorFactory(name="Pip Lowe"), 2)
    arrange(("lead", {"secondary": 1}), ("opinion", {"title": "Opinion", "count": 4}))
    soup = soup_of()
    column = soup.select_one(".opinion")
    assert [h.text.strip() for h in column.select(".opinion__headline")] == [
        "Let the dockers be paid",
        "The port needs a plan",
    ]
    assert [p.text for p in column.select(".opinion__writer")] == ["Mara Quell", "Pip Lowe"]
    picture = column.select_one("img.opinion__photo")
    assert picture is not None and picture["alt"] == ""  # the name beside it says who
    # Opinion placed in the column is not repeated as a secondary lead.
    assert "Let the dockers be paid" not in headlines(soup, ".front-lead")


def test_most_read_follows_the_counts(bigger_paper):
    articles = bigger_paper["articles"]
    for key, reads in (("floods", 5), ("talks", 9), ("vote", 2)):
        for _ in range(reads):
            record_read(articles[key].pk)
    flush_reads()
    arrange(("lead", {"secondary": 0}), ("most_read", {"title": "Most read", "count": 3}))
    soup = soup_of()
    assert [a.text for a in soup.select(".most-read__item a")] == [
        "Climate talks stall over finance",
        "River bursts its banks upstream of Kelmar",
        "Dockers vote to strike over pay",
    ]


def test_the_front_shows_a_new_most_read_order_only_when_the_order_changes(bigger_paper, settings):
    settings.MASTHEAD_READERSHIP = {
        **settings.MASTHEAD_READERSHIP,
        "refresh_seconds": 0,
        "min_bump_seconds": 0,
    }
    articles = bigger_paper["articles"]
    arrange(("lead", {"secondary": 0}), ("most_read", {"title": "Most read", "count": 3}))
    versions = page_versions()
    record_read(articles["talks"].pk)
    record_read(articles["talks"].pk)
    record_read(articles["vote"].pk)
    flush_reads()
    assert refresh_most_read()
    first = soup_of()
    assert first.select_one(".most-read__item a").text == "Climate talks stall over finance"
    stamp = versions.stamp(["most-read"])
    record_read(articles["talks"].pk)  # more reads, the same order: the kept front stays
    flush_reads()
    assert not refresh_most_read()
    assert versions.stamp(["most-read"]) == stamp
    for _ in range(3):
        record_read(articles["vote"].pk)
    flush_reads()
    assert refresh_most_read()
    assert versions.stamp(["most-read"]) != stamp
    again = soup_of()
    assert again.select_one(".most-read__item a").text == "Dockers vote to strike over pay"


def test_updated_stories_say_so_once_and_live_coverage_has_a_hook(paper):
    soup = soup_of()
    lead = soup.select_one(".front-lead__main .card")
    assert lead.select_one(".card__updated").get_text().startswith("Updated")
    assert lead.get_text().count("Updated") == 1
    assert not lead.select(".card__marker--updated")  # no box: the meta line says it
    assert marker_for(SimpleNamespace(live_coverage=True, updated_at=None)) == "live"
    assert marker_for(paper["articles"]["vote"]) is None


def test_the_front_costs_the_same_few_queries_however_many_stories_and_blocks(
    bigger_paper, django_assert_max_num_queries
):
    sections = bigger_paper["sections"]
    arrange(
        ("lead", {"secondary": 4}),
        ("opinion", {"title": "Opinion", "count": 4}),
        *[
            ("section", {"section": s.pk, "layout": layout, "count": 4})
            for s, layout in zip(sections.values(), ("feature", "across", "list"), strict=True)
        ],
        ("most_read", {"title": "Most read", "count": 5}),
    )
    front_page(home=home())  # a running server has read the sections once
    with django_assert_max_num_queries(6):
        front = front_page(home=home().specific)
    assert [b.kind for b in front.blocks][:1] == ["lead"]
    Client().get("/")  # renditions are made on upload, which a test's transaction holds back
    page_cache().clear()  # rendered whole, as after a publish: the site, the page, the front
    with django_assert_max_num_queries(8):
        assert Client().get("/").status_code == 200


def test_an_editor_arranges_the_front_in_the_admin_and_readers_see_it_at_once(bigger_paper):
    articles = bigger_paper["articles"]
    reader = Client()
    assert headlines(soup_of(reader), ".front-lead__main") == [
        "Deal ends the port strike after nine days"
    ]
    assert reader.get("/")["X-Masthead-Cache"] == "hit"  # the front is kept for readers
    editor = get_user_model().objects.create_user(
        email="e@example.com", password="pw-for-tests", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    newsroom = Client()
    newsroom.force_login(editor)
    edit_url = f"/admin/pages/{home().pk}/edit/"
    form = querydict_from_html(newsroom.get(edit_url).content.decode(), form_id="page-edit-form")
    data = form.dict()
    data.update(
        nested_form_data(
            {
                "layout": streamfield(
                    [
                        (
                            "lead",
                            {
                                "stories": {
                                    "count": "1",
                                    "0": {
                                        "value": str(articles["floods"].pk),
                                        "deleted": "",
                                        "order": "0",
                                    },
                                },
                                "secondary": "2",
                            },
                        ),
                        ("most_read", {"title": "Read most today", "count": "5"}),
                    ]
                )
            }
        )
    )
    data["action-publish"] = "publish"
    response = newsroom.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    soup = soup_of(reader)
    assert headlines(soup, ".front-lead__main") == ["River bursts its banks upstream of Kelmar"]
    assert len(headlines(soup, ".front-lead__secondary")) == 2


def test_the_newsrooms_view_of_the_front_is_never_kept_for_readers(bigger_paper):
    editor = get_user_model().objects.create_user(
        email="e@example.com", password="pw-for-tests", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    newsroom = Client()
    newsroom.force_login(editor)
    seen = newsroom.get("/")
    assert seen.status_code == 200 and seen["Cache-Control"] == "private, no-store"
    first_reader = Client().get("/")
    assert first_reader.get("X-Masthead-Cache") != "hit"  # rendered for readers, not the editor's
    assert b"wagtail-userbar" not in first_reader.content
