"""The public-interest unlock: every reader gets the story while it lasts, nobody's meter moves,
it ends on time (kept pages included), and it is on the record with who, why and until when."""

import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.breaking.models import BreakingBanner, PublicInterestUnlock
from masthead.breaking.tests.factories import seconds_from_now, switch_off, switch_on
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db

HIT = "X-Masthead-Cache"
WITHHELD = b"Talks are expected to resume later this week."
TEASER = b"Dockers at the harbour voted to walk out on Monday."
REASON = "Public safety: the strike closes the port road"


def used(reader_id: str) -> int:
    return meter_store().used(reader_key=f"anon:{reader_id}", period=current_period())


def past_limit() -> tuple[Client, str]:
    reader = Client()
    return reader, exhausted_reader(reader)


def test_a_reader_past_the_limit_gets_the_story_during_the_unlock_and_the_teaser_after(paper):
    story = paper["articles"]["vote"]
    reader, reader_id = past_limit()
    assert WITHHELD not in reader.get(story.url).content  # the teaser before
    switch_on(story, unlock_story=True, unlock_reason=REASON, expires_at=seconds_from_now(2))

    during = reader.get(story.url)
    assert WITHHELD in during.content
    assert "private" in during["Cache-Control"]  # never left in a cache we cannot reach
    again = past_limit()[0].get(story.url)  # another reader past the limit: the kept copy
    assert again[HIT] == "hit" and WITHHELD in again.content
    assert used(reader_id) == 5

    time.sleep(2.1)
    for client in (reader, past_limit()[0]):
        after = client.get(story.url)
        assert WITHHELD not in after.content
        assert TEASER in after.content
        assert b'<section class="offer"' in after.content
    assert used(reader_id) == 5


def test_a_new_readers_read_of_an_unlocked_story_is_not_counted(paper):
    story = paper["articles"]["vote"]
    switch_on(story, unlock_story=True, unlock_reason=REASON)
    reader = Client()
    page = reader.get(story.url)
    assert WITHHELD in page.content
    assert b"You have read" not in page.content
    # A read counts once a browser has a reader cookie; none was set, and nothing was counted.
    other = paper["articles"]["talks"]
    assert b"You have read 1 of 5" in reader.get(other.url).content


def test_switching_the_banner_off_ends_the_unlock_at_once_even_for_kept_pages(paper):
    story = paper["articles"]["vote"]
    banner = switch_on(story, unlock_story=True, unlock_reason=REASON)
    reader, _ = past_limit()
    assert WITHHELD in reader.get(story.url).content
    assert WITHHELD in past_limit()[0].get(story.url).content
    before = timezone.now()
    switch_off(banner)
    assert WITHHELD not in reader.get(story.url).content
    assert WITHHELD not in past_limit()[0].get(story.url).content
    unlock = PublicInterestUnlock.objects.get()
    assert before <= unlock.ended_at <= timezone.now()


def test_a_newer_banner_ends_the_older_banners_unlock_and_the_record_says_when(paper):
    story = paper["articles"]["vote"]
    switch_on(story, unlock_story=True, unlock_reason=REASON)
    before = timezone.now()
    newer = switch_on(paper["articles"]["deal"], text="Another story breaks")
    reader, _ = past_limit()
    assert WITHHELD not in reader.get(story.url).content
    unlock = PublicInterestUnlock.objects.get()
    assert before <= unlock.ended_at <= timezone.now()
    assert unlock.ends_at == unlock.ended_at
    # The older banner shows again once the newer one goes; its unlock stays ended.
    switch_off(newer)
    assert WITHHELD not in past_limit()[0].get(story.url).content
    assert PublicInterestUnlock.objects.get().ended_at == unlock.ended_at


def test_an_expired_unlock_keeps_its_expiry_as_its_end(paper):
    story = paper["articles"]["vote"]
    expires = seconds_from_now(1)
    switch_on(story, unlock_story=True, unlock_reason=REASON, expires_at=expires)
    assert PublicInterestUnlock.objects.get().ends_at is None  # still running
    time.sleep(1.1)
    unlock = PublicInterestUnlock.objects.get()
    assert unlock.ends_at == expires  # the record says when, before anything is saved
    switch_on(paper["articles"]["deal"], text="Another story breaks")
    assert PublicInterestUnlock.objects.get().ended_at == expires  # not the later save's time


def editor() -> Client:
    user = make_reader("editor@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.login(email="editor@example.org", password=PASSWORD)
    return client


def test_an_editor_unlocks_from_the_admin_and_the_unlock_is_on_the_record(paper):
    story = paper["articles"]["vote"]
    desk = editor()
    form = {
        "text": "The port is closed",
        "link_page": str(story.pk),
        "link_url": "",
        "live": "on",
        "expires_at": "",
        "unlock_story": "on",
        "unlock_reason": REASON,
    }
    response = desk.post("/admin/snippets/breaking/breakingbanner/add/", form)
    assert response.status_code == 302, response.content[:2000]
    banner = BreakingBanner.objects.get()
    unlock = PublicInterestUnlock.objects.get()
    assert (unlock.article_id, unlock.reason, unlock.until, unlock.ended_at) == (
        story.pk,
        REASON,
        None,
        None,
    )
    assert unlock.unlocked_by.email == "editor@example.org"
    assert WITHHELD in past_limit()[0].get(story.url).content

    listing = desk.get("/admin/snippets/breaking/publicinterestunlock/")
    assert listing.status_code == 200
    assert REASON.encode() in listing.content and b"editor@example.org" in listing.content
    assert b"Still open" in listing.content

    # Nobody edits, deletes or adds an unlock by hand.
    for url in (
        f"/admin/snippets/breaking/publicinterestunlock/edit/{unlock.pk}/",
        f"/admin/snippets/breaking/publicinterestunlock/delete/{unlock.pk}/",
        "/admin/snippets/breaking/publicinterestunlock/add/",
    ):
        assert desk.post(url, {"reason": "changed"}).status_code in (302, 403), url
    assert PublicInterestUnlock.objects.get().reason == REASON

    form["live"] = ""
    edited = desk.post(f"/admin/snippets/breaking/breakingbanner/edit/{banner.pk}/", form)
    assert edited.status_code == 302
    assert PublicInterestUnlock.objects.get().ended_at is not None
    assert WITHHELD not in past_limit()[0].get(story.url).content


def test_an_unlock_needs_a_reason_and_a_story(paper):
    desk = editor()
    form = {
        "text": "Somewhere else",
        "link_page": "",
        "link_url": "https://example.org/",
        "live": "on",
        "unlock_story": "on",
        "unlock_reason": "",
    }
    response = desk.post("/admin/snippets/breaking/breakingbanner/add/", form)
    assert response.status_code == 200
    assert b"Say why the story is unlocked" in response.content
    assert b"Only a story linked above can be unlocked" in response.content
    assert not BreakingBanner.objects.exists()
