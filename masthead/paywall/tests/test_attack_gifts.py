"""Gift links as a road to the text: every token a reader can make, bring or pass on.

A reader past the month's allowance (and, where the cap is at stake, other
readers past theirs) probes the demo's stories with forged, edited, expired,
revoked, replayed and moved tokens, by every method, and on a live blog's
update address. Each answer is searched for the withheld text by the attack
suite's own helpers. A good link is also tried, to prove that what it opens
stays with its reader: private, never kept for the next one.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from masthead.gifts.links import GIFT_SALT, gift_token
from masthead.gifts.models import GiftLink, GiftRead
from masthead.gifts.services import gift_create
from masthead.gifts.verdict import GiftRules
from masthead.paywall.identity import READER_COOKIE, READER_COOKIE_SALT
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.factories import make_reader
from masthead.paywall.tests.test_attack_suite import (
    _live_blog_target,
    assert_teaser_only,
    demo,  # noqa: F401 - the fixture
    demo_targets,  # noqa: F401 - the fixture
    exhausted_reader,
    leaks,
    metered,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def giver(demo):  # noqa: F811 - the fixture above
    return make_reader("gift-giver@example.org", subscription="active")


def give(giver, target, **rules) -> GiftLink:
    return gift_create(
        giver=giver, article=target.article, rules=GiftRules(**rules), now=timezone.now()
    )


def with_token(target, token: str) -> str:
    return f"{target.article.url}?gift={token}"


def another_reader_past_the_limit(name: str) -> tuple[Client, str]:
    """A browser of its own whose reader has used the month's allowance."""
    reader_id = f"gift-probe-{name}".ljust(24, "x")
    for fake_article in range(30_000_001, 30_000_006):
        meter_store().grant(
            reader_key=f"anon:{reader_id}",
            period=current_period(),
            article_id=fake_article,
            limit=5,
        )
    client = Client()
    client.cookies[READER_COOKIE] = signing.get_cookie_signer(
        salt=READER_COOKIE + READER_COOKIE_SALT
    ).sign(reader_id)
    return client, reader_id


def assert_full(response, target, what: str) -> None:
    assert response.status_code == 200, what
    assert leaks(response, target), f"{what}: a good gift link did not open {target.article.url}"
    assert response["Cache-Control"] == "private, no-store", what


def test_forged_and_edited_tokens_open_nothing(client, demo, giver):  # noqa: F811
    exhausted_reader(client)
    targets = metered(demo)[:8]
    for target in targets:
        good = gift_token(give(giver, target).pk)
        gift_id, signature = good.split(":", 1)
        flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
        tokens = [
            "1",
            "1:forged",
            f"{gift_id}:",
            f"{gift_id}:{flipped}",  # a character of the signature flipped
            f"{int(gift_id) + 1}:{signature}",  # the id changed, the signature kept
            f"{int(gift_id) - 1}:{signature}",
            good.upper(),
            good + "x",
            " " + good,
            signing.Signer(salt=READER_COOKIE_SALT).sign(gift_id),  # another salt
            signing.Signer().sign(gift_id),  # no salt
            signing.dumps(int(gift_id), salt=GIFT_SALT),  # the right salt, another format
            f"{gift_id}:{signature[::-1]}",
            good * 3,
        ]
        for token in tokens:
            assert_teaser_only(client.get(with_token(target, token)), target, f"token {token!r}")
        for params in [
            {"gift": [good, "x"]},  # the last value is the one read
            {"gift": ["x", "y"]},
            {"Gift": good},
            {"GIFT": good},
            {"gift[]": good},
        ]:
            assert_teaser_only(client.get(target.article.url, params), target, f"{params}")
    assert not GiftRead.objects.filter(gift__giver=giver).exists()


def test_expired_revoked_and_moved_tokens_open_nothing(client, demo, giver):  # noqa: F811
    exhausted_reader(client)
    targets = metered(demo)
    expired, revoked, moved = (
        give(giver, targets[0]),
        give(giver, targets[1]),
        give(giver, targets[2]),
    )
    GiftLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    GiftLink.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    assert_teaser_only(
        client.get(with_token(targets[0], gift_token(expired.pk))), targets[0], "expired"
    )
    assert_teaser_only(
        client.get(with_token(targets[1], gift_token(revoked.pk))), targets[1], "revoked"
    )
    for target in targets[3:20]:  # a good token moved to every other story
        assert_teaser_only(
            client.get(with_token(target, gift_token(moved.pk))), target, "a moved token"
        )
    assert not GiftRead.objects.filter(gift__giver=giver).exists()


def test_a_token_replayed_past_its_cap_by_new_readers_opens_nothing_more(demo, giver):  # noqa: F811
    target = metered(demo)[0]
    url = with_token(target, gift_token(give(giver, target, readers=3).pk))
    readers = [another_reader_past_the_limit(f"r{n}") for n in range(6)]
    for client, _ in readers[:3]:
        assert_full(client.get(url), target, "within the cap")
    for client, reader_id in readers[3:]:
        assert_teaser_only(client.get(url), target, "past the cap")
        assert (
            len(meter_store().articles(reader_key=f"anon:{reader_id}", period=current_period()))
            == 5
        )
    for _ in range(5):  # browsers that keep no cookie: each a new reader, none past the cap
        response = Client().get(url)
        assert "This gift link has already been used" in response.content.decode()
    assert GiftLink.objects.get(giver=giver).reader_count == 3


def test_other_methods_never_take_a_place_nor_get_the_text(client, demo, giver):  # noqa: F811
    exhausted_reader(client)
    for target in metered(demo)[:5]:
        url = with_token(target, gift_token(give(giver, target).pk))
        for method in ["head", "post", "options", "put", "patch", "delete"]:
            response = getattr(client, method)(url)
            assert response.status_code in (200, 405), (method, response.status_code)
            assert_teaser_only(response, target, f"{method.upper()} with a good token")
    assert not GiftRead.objects.filter(gift__giver=giver).exists()


def test_a_token_on_the_live_blog_update_address_gives_nothing(client, demo, giver):  # noqa: F811
    target = _live_blog_target()
    blog = target.article
    token = gift_token(give(giver, target).pk)
    exhausted_reader(client)
    for entry in [0, *blog.entries.values_list("pk", flat=True)[:3]]:
        response = client.get(f"/live/{blog.pk}/after/{entry}/", {"gift": token})
        assert response.status_code in (200, 400)  # refused, or the token ignored
        assert_teaser_only(response, target, "updates with a gift token", article_page=False)
    assert not GiftRead.objects.filter(gift__giver=giver).exists()
    forged = client.get(with_token(target, "1:forged"))
    assert "This gift link is not valid." in forged.content.decode()
    assert_teaser_only(forged, target, "the live blog with a forged token")
    # The page itself opens for the link's reader, privately; the updates still follow the meter.
    assert_full(client.get(with_token(target, token)), target, "the live blog by its gift link")
    updates = client.get(f"/live/{blog.pk}/after/0/")
    assert_teaser_only(updates, target, "updates after a gift read", article_page=False)


def test_a_gifted_page_is_never_kept_for_the_next_reader(demo, giver):  # noqa: F811
    targets = metered(demo)[:4]
    for target in targets:
        url = with_token(target, gift_token(give(giver, target, readers=1).pk))
        holder, _ = another_reader_past_the_limit("holder")
        assert_full(holder.get(url), target, "the link's first reader")
        nxt, _ = another_reader_past_the_limit("next")
        assert_teaser_only(nxt.get(target.article.url), target, "the same story without the token")
        assert_teaser_only(nxt.get(url), target, "the same link past its cap")
        assert_full(holder.get(url), target, "the link's reader again")


def test_links_of_a_giver_who_no_longer_subscribes_open_nothing(demo):  # noqa: F811
    """A reader on a trial makes links and cancels: none opens a story after, for any reader."""
    trial = make_reader("trial-giver@example.org", subscription="trialing")
    targets = metered(demo)[:6]
    urls = [with_token(target, gift_token(give(trial, target).pk)) for target in targets]
    holder, _ = another_reader_past_the_limit("before-cancelling")
    assert_full(holder.get(urls[0]), targets[0], "while the giver's trial runs")
    subscription = trial.subscriptions.get()
    subscription.status = "canceled"
    subscription.save()
    newcomer, _ = another_reader_past_the_limit("after-cancelling")
    for target, url in zip(targets, urls, strict=True):
        for client, who in [(holder, "a reader the link has"), (newcomer, "a new reader")]:
            response = client.get(url)
            assert_teaser_only(response, target, f"{who}, the giver cancelled")
            assert "no longer subscribes" in response.content.decode()
            assert response["Cache-Control"] == "private, no-store"
    assert GiftRead.objects.filter(gift__giver=trial).count() == 1
