"""A live blog as readers and machines see it, and its updates."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.liveblogs.entries import entries_after, readable_entries
from masthead.liveblogs.models import LiveBlogEntry
from masthead.liveblogs.services import entry_publish, new_entry
from masthead.liveblogs.tests.factories import make_live_blog
from masthead.news.tests.factories import body_of, make_section
from masthead.paywall.identity import READER_COOKIE, READER_COOKIE_SALT
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog():
    return make_live_blog(make_section("World"))


def entries_in_page(content: str) -> list[str]:
    return re.findall(r"Entry (\d) headline</h3>", content)


def jsonld(content: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(found.group(1))


def test_the_page_shows_summary_key_events_pinned_entry_and_entries_newest_first(client, blog):
    content = client.get(blog.url).content.decode()
    assert "The summary every reader gets." in content
    key_events = content[content.index("Key events") : content.index("Refresh for the latest")]
    assert re.findall(r'href="#entry-\d+">(Entry \d headline)', key_events) == [
        "Entry 5 headline",
        "Entry 2 headline",
    ]
    # The pinned entry first, then the others newest first.
    assert entries_in_page(content) == ["3", "6", "5", "4", "2", "1"]
    assert "live-entry--pinned" in content
    assert 'src="/static/liveblogs/live.js" defer' in content
    assert "Coverage ended" not in content


def test_closed_coverage_says_when_it_ended_and_stops_asking(client):
    blog = make_live_blog(make_section("World"), closed=True)
    content = client.get(blog.url).content.decode()
    ended = timezone.localtime(blog.coverage_end)
    assert f'Coverage ended at <time datetime="{ended.isoformat()}"' in content
    assert "data-live-updates" not in content
    assert "Refresh for the latest" not in content


def test_structured_data_is_a_live_blog_posting_with_its_updates(client):
    blog = make_live_blog(make_section("World"), closed=True)
    data = jsonld(client.get(blog.url).content.decode())
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == blog.title
    assert datetime.fromisoformat(data["coverageStartTime"]) == blog.coverage_start
    assert datetime.fromisoformat(data["coverageEndTime"]) == blog.coverage_end
    updates = data["liveBlogUpdate"]
    entries = list(blog.entries.order_by("-time"))
    assert [u["@type"] for u in updates] == ["BlogPosting"] * len(entries)
    assert {u["headline"] for u in updates} == {e.headline for e in entries}
    for update in updates:
        entry = next(e for e in entries if e.headline == update["headline"])
        assert datetime.fromisoformat(update["datePublished"]) == entry.time
        assert update["url"].endswith(f"{blog.url}#entry-{entry.pk}")


def test_the_teaser_is_the_first_entries_and_never_moves():
    now = timezone.now()
    entries = [
        LiveBlogEntry(pk=n, time=now + timedelta(minutes=n), headline=f"E{n}", key_event=n == 4)
        for n in range(1, 6)
    ]
    teaser = readable_entries(entries, full=False, teaser_count=2)
    assert [e.pk for e in teaser.entries] == [2, 1]
    assert teaser.withheld and teaser.newest_id == 2
    assert [(k.headline, k.readable) for k in teaser.key_events] == [("E4", False)]
    assert entries_after(entries, 2, full=False, teaser_count=2) == []
    assert [e.pk for e in entries_after(entries, 2, full=True, teaser_count=2)] == [5, 4, 3]
    full = readable_entries(entries, full=True, teaser_count=2)
    assert not full.withheld and full.newest_id == 5


def test_a_reader_past_the_limit_gets_the_teaser_entries_then_the_offer(client, blog):
    exhausted_reader(client)
    content = client.get(blog.url).content.decode()
    assert entries_in_page(content) == ["2", "1"]
    assert "Words of entry 3" not in content and "Words of entry 6" not in content
    assert "Entry 5 headline" in content  # the key event's headline, without its words
    assert "Words of entry 5" not in content
    assert 'class="offer' in content or "offer" in content
    assert "data-live-updates" not in content
    for entry in blog.entries.all():
        response = client.get(f"/live/{blog.pk}/after/{entry.pk}/")
        assert response.status_code == 200
        withheld = [f"Words of entry {n}" for n in range(3, 7)]
        assert not [w for w in withheld if w in response.content.decode()]
    from_start = client.get(f"/live/{blog.pk}/after/0/").json()
    assert sorted(e["id"] for e in from_start["entries"]) == sorted(
        blog.entries.filter(headline__in=["Entry 1 headline", "Entry 2 headline"]).values_list(
            "pk", flat=True
        )
    )


def known_reader(client, *, read: tuple[int, ...] = (), reader_id: str = "") -> str:
    """A browser whose reader has read ``read`` this month (signed cookie, as the site sets)."""
    reader_id = reader_id or "live-blog-reader-" + "y" * 12
    for article_id in read:
        meter_store().grant(
            reader_key=f"anon:{reader_id}", period=current_period(), article_id=article_id, limit=5
        )
    client.cookies[READER_COOKIE] = signing.get_cookie_signer(
        salt=READER_COOKIE + READER_COOKIE_SALT
    ).sign(reader_id)
    return f"anon:{reader_id}"


def test_updates_bring_a_new_entry_and_count_no_read(client, blog):
    key = known_reader(client)
    client.get(blog.url)  # the page view counts the read
    assert meter_store().used(reader_key=key, period=current_period()) == 1
    newest = max(blog.entries.values_list("pk", flat=True))
    assert client.get(f"/live/{blog.pk}/after/{newest}/").json()["entries"] == []
    added = entry_publish(
        blog,
        new_entry(headline="The bridge reopens", body=body_of(["Traffic moves again at noon."])),
    )
    answer = client.get(f"/live/{blog.pk}/after/{newest}/")
    assert answer["Cache-Control"].startswith("private")
    assert [e["id"] for e in answer.json()["entries"]] == [added.pk]
    assert "Traffic moves again at noon." in answer.json()["entries"][0]["html"]
    assert meter_store().used(reader_key=key, period=current_period()) == 1


def test_a_reader_who_read_the_blog_keeps_getting_entries_past_the_limit(client, blog):
    known_reader(client, read=(blog.pk, *range(20_000_001, 20_000_005)))
    added = entry_publish(blog, new_entry(headline="Later", body=body_of(["Later words here."])))
    answer = client.get(f"/live/{blog.pk}/after/0/").json()
    assert added.pk in [e["id"] for e in answer["entries"]]
    assert len(answer["entries"]) == blog.entries.count()


def test_a_new_reader_polling_without_the_page_gets_only_the_teaser(client, blog):
    answer = client.get(f"/live/{blog.pk}/after/0/").json()
    assert len(answer["entries"]) == 2


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/live/{blog}/after/{other_entry}/", 404),  # another blog's entry
        ("/live/{article}/after/0/", 404),  # not a live blog
        ("/live/999999/after/0/", 404),
        ("/live/{blog}/after/-1/", 404),
        ("/live/{blog}/after/abc/", 404),
        ("/live/{blog}/after/99999999999999999999/", 400),
        ("/live/99999999999999999999/after/0/", 400),
        ("/live/{blog}/after/0/?after=1", 400),
        ("/live/{draft}/after/0/", 404),
    ],
)
def test_the_update_address_refuses_what_it_does_not_know(client, blog, path, status):
    from masthead.news.tests.factories import make_article

    other = make_live_blog(make_section("Britain"), headline="Another live blog")
    draft = make_live_blog(make_section("Sport"), headline="Draft blog", publish=False)
    article = make_article(make_section("Culture"))
    url = path.format(
        blog=blog.pk,
        other_entry=other.entries.first().pk,
        article=article.pk,
        draft=draft.pk,
    )
    assert client.get(url).status_code == status


def test_the_update_address_answers_only_reading_methods(client, blog):
    url = f"/live/{blog.pk}/after/0/"
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_the_blog_is_listed_like_an_article(client, blog):
    section = blog.get_parent()
    assert blog.title in client.get(section.url).content.decode()
    assert blog.title in client.get("/feeds/").content.decode()
    assert blog.title in client.get(f"{section.url}feed/atom/").content.decode()
    sitemaps = re.findall(
        r"<loc>[^<]*(/sitemap-[^<]+)</loc>", client.get("/sitemap.xml").content.decode()
    )
    assert any(blog.url in client.get(part).content.decode() for part in sitemaps)
    assert blog.url in client.get("/news-sitemap.xml").content.decode()
    assert blog.title in client.get("/search/", {"q": "river rises"}).content.decode()


def live_markers(client, url: str) -> dict[str, str]:
    """Each card's headline and its marker's words ("" for none)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {
        card.select_one(".card__headline").text.strip(): (
            marker.text if (marker := card.select_one(".card__marker--live")) else ""
        )
        for card in soup.select(".card")
    }


def test_cards_say_live_while_the_coverage_runs_and_the_kept_fronts_drop_it_once_closed(client):
    section = make_section("World")
    make_live_blog(section, closed=True, headline="Live: the count")
    running = make_live_blog(section, headline="Live: the river rises")
    expected = {"Live: the river rises": "Live", "Live: the count": ""}
    assert live_markers(client, section.url) == expected
    assert live_markers(client, "/") == expected
    front = BeautifulSoup(client.get("/").content, "html.parser")
    # The running blog has a band of its own under the lead, and is nowhere else on the front.
    band = front.select_one(".front-lead + .front-live")
    assert [h.text.strip() for h in band.select(".card__headline")] == ["Live: the river rises"]
    assert front.get_text().count("Live: the river rises") == 1

    running.coverage_end = timezone.now()
    running.save_revision().publish()  # as the desk closes it in the editor
    assert live_markers(client, section.url) == {"Live: the river rises": "", "Live: the count": ""}
    assert live_markers(client, "/")["Live: the river rises"] == ""
    assert not BeautifulSoup(client.get("/").content, "html.parser").select(".front-live")


def test_closing_the_coverage_has_a_cdn_drop_the_blogs_fronts(settings, httpserver):
    from werkzeug import Response

    purged = []
    httpserver.expect_request("").respond_with_handler(
        lambda request: purged.append(request.path) or Response("purged")
    )
    section = make_section("World")
    blog = make_live_blog(section)
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": httpserver.url_for("/"),
        }
    }
    blog.coverage_end = timezone.now()
    blog.save_revision().publish()
    assert {blog.url, section.url, "/"} <= set(purged)


def test_the_newsroom_adds_a_live_blog_and_edits_its_entries_in_the_admin(client, blog):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser(email="desk@example.org", password="pw")
    client.force_login(editor)
    section = blog.get_parent()
    add = client.get(f"/admin/pages/add/liveblogs/liveblogpage/{section.pk}/")
    assert add.status_code == 200
    assert b"Key event" in add.content and b"Coverage" in add.content
    edit = client.get(f"/admin/pages/{blog.pk}/edit/")
    assert edit.status_code == 200
    assert b"Entry 6 headline" in edit.content


def test_a_public_interest_unlock_opens_the_updates_while_it_lasts(client, blog):
    from masthead.breaking.tests.factories import switch_off, switch_on

    exhausted_reader(client)
    banner = switch_on(blog, unlock_story=True, unlock_reason="Lives at risk in the valley")
    assert len(client.get(f"/live/{blog.pk}/after/0/").json()["entries"]) == 6
    switch_off(banner)
    assert len(client.get(f"/live/{blog.pk}/after/0/").json()["entries"]) == 2


def test_a_poll_costs_no_query_and_follows_every_change_at_once(client, django_assert_num_queries):
    from wagtail.models import PageViewRestriction

    blog = make_live_blog(make_section("World"), free_to_read=True)
    newest = max(blog.entries.values_list("pk", flat=True))
    poll = f"/live/{blog.pk}/after/{newest}/"
    assert client.get(poll).json()["entries"] == []  # the blog is read and kept
    with django_assert_num_queries(0):
        assert client.get(poll).status_code == 200
    added = entry_publish(blog, new_entry(body=body_of(["The water falls at last."])))
    assert [e["id"] for e in client.get(poll).json()["entries"]] == [added.pk]
    restriction = PageViewRestriction.objects.create(
        page=blog, restriction_type=PageViewRestriction.PASSWORD, password="desk"
    )
    assert client.get(poll).status_code == 404  # behind a password now
    restriction.delete()
    assert client.get(poll).status_code == 200
    blog.refresh_from_db()
    blog.unpublish()
    assert client.get(poll).status_code == 404


def test_a_poll_with_nothing_new_asks_nobodys_meter(client, blog, django_assert_num_queries):
    # Metered, the blog counted: every entry is theirs (a reader of their own: meters are kept).
    known_reader(client, read=(blog.pk,), reader_id=f"live-blog-poller-{uuid.uuid4().hex[:12]}")
    newest = max(blog.entries.values_list("pk", flat=True))
    poll = f"/live/{blog.pk}/after/{newest}/"
    assert client.get(poll).json() == {"entries": [], "ended": None}
    with django_assert_num_queries(0):  # the database meter store is not read
        assert client.get(poll).json() == {"entries": [], "ended": None}
    earlier = sorted(blog.entries.values_list("pk", flat=True))[-2]
    with CaptureQueriesContext(connection) as asked:  # an entry is newer: the meter decides
        assert len(client.get(f"/live/{blog.pk}/after/{earlier}/").json()["entries"]) == 1
    assert asked.captured_queries
