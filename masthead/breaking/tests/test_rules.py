"""The breaking-news rules as tables: which banner shows, what goes where, when a story is open."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.appeals.banner import APPEAL_BANNER
from masthead.breaking.banner import BREAKING_NEWS
from masthead.breaking.rules import (
    BannerState,
    Form,
    UnlockState,
    boxes,
    next_change,
    showing_banner,
    unlock_active,
    unlock_ended_at,
)
from masthead.breaking.unlocks import wanted_terms
from masthead.core.pieces import pieces
from masthead.edge.delivery import (
    PRIVATE,
    PUBLIC,
    PageFacts,
    PageKind,
    ReaderView,
    deliver,
)
from masthead.paywall.policy import (
    ArticleFacts,
    MeterRules,
    MeterState,
    Outcome,
    ReaderFacts,
    ReaderKind,
    decide,
)

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
OLD = BannerState(pk=1, created_at=NOW - 60 * MINUTE, live=True)
NEW = BannerState(pk=2, created_at=NOW - MINUTE, live=True)
NEW_OFF = BannerState(pk=2, created_at=NOW - MINUTE, live=False)
NEW_EXPIRED = BannerState(pk=2, created_at=NOW - MINUTE, live=True, expires_at=NOW)
NEW_EXPIRING = BannerState(pk=2, created_at=NOW - MINUTE, live=True, expires_at=NOW + MINUTE)


@pytest.mark.parametrize(
    ("banners", "shown"),
    [
        ([], None),
        ([OLD], OLD),
        ([OLD, NEW], NEW),  # the newest switched-on banner, one at a time
        ([NEW, OLD], NEW),
        ([OLD, NEW_OFF], OLD),
        ([NEW_OFF], None),
        ([NEW_EXPIRED], None),  # gone on the dot of its expiry
        ([OLD, NEW_EXPIRED], OLD),
        ([NEW_EXPIRING], NEW_EXPIRING),
    ],
)
def test_which_banner_shows(banners, shown):
    assert showing_banner(banners, NOW) == shown


def test_the_next_change_is_the_next_expiry():
    assert next_change([OLD, NEW_EXPIRING, NEW_EXPIRED], NOW) == NOW + MINUTE
    assert next_change([OLD], NOW) is None


# banner shows, an appeal box on the page, the paywall's offer on the page -> banner form, appeal
BOXES = [
    (True, True, False, Form.BOX, False),  # the banner takes the appeal's place
    (True, False, False, Form.BOX, False),
    (True, True, True, Form.LINE, False),  # beside the offer: one line at the top, no box
    (True, False, True, Form.LINE, False),
    (False, True, False, None, True),
    (False, True, True, None, False),  # the appeal never beside the offer
    (False, False, False, None, False),
    (False, False, True, None, False),
]


@pytest.mark.parametrize(("banner", "appeal", "offer", "form", "appeal_shows"), BOXES)
def test_one_box_at_a_time(banner, appeal, offer, form, appeal_shows):
    assert boxes(banner=banner, appeal=appeal, offer=offer) == (form, appeal_shows)


OPEN = UnlockState(article_id=7, banner_id=2, starts_at=NOW - MINUTE)
UNTIL = UnlockState(article_id=7, banner_id=2, starts_at=NOW - MINUTE, until=NOW + MINUTE)


@pytest.mark.parametrize(
    ("unlock", "showing", "now", "active"),
    [
        (OPEN, NEW, NOW, True),
        (OPEN, None, NOW, False),  # the banner switched off or expired
        (OPEN, OLD, NOW, False),  # another banner shows now
        (UNTIL, NEW, NOW, True),
        (UNTIL, NEW, NOW + MINUTE, False),  # ends on the dot
        (UNTIL, NEW, NOW + MINUTE - timedelta(microseconds=1), True),
        (OPEN, NEW, NOW - 2 * MINUTE, False),  # not started
        (UnlockState(7, 2, NOW - MINUTE, ended_at=NOW - MINUTE), NEW, NOW, False),
        (UnlockState(7, None, NOW - MINUTE), NEW, NOW, False),  # its banner was deleted
    ],
)
def test_when_an_unlock_opens_its_story(unlock, showing, now, active):
    assert unlock_active(unlock, showing, now) is active


@pytest.mark.parametrize(
    ("unlock", "showing", "now", "ended"),
    [
        (OPEN, NEW, NOW, None),  # still running
        (OPEN, None, NOW, NOW),  # its banner switched off: ends now
        (OPEN, OLD, NOW, NOW),  # another banner took over: ends now
        (UNTIL, NEW, NOW, None),
        (UNTIL, NEW, NOW + 5 * MINUTE, NOW + MINUTE),  # ran out: ended at its time
        (UNTIL, None, NOW + 5 * MINUTE, NOW + MINUTE),  # its banner expired with it
        (UnlockState(7, 2, NOW - MINUTE, ended_at=NOW - MINUTE), None, NOW, NOW - MINUTE),
    ],
)
def test_when_an_unlock_ended_for_the_record(unlock, showing, now, ended):
    assert unlock_ended_at(unlock, showing, now) == ended


@pytest.mark.parametrize(
    ("live", "unlock", "article", "expires", "terms"),
    [
        (True, True, 7, None, (7, None, "Safety")),
        (True, True, 7, NOW + MINUTE, (7, NOW + MINUTE, "Safety")),
        (True, True, 7, NOW, None),  # already expired
        (False, True, 7, None, None),
        (True, False, 7, None, None),
        (True, True, None, None, None),  # an outside address cannot be unlocked
    ],
)
def test_the_unlock_a_banner_asks_for(live, unlock, article, expires, terms):
    asked = wanted_terms(
        live=live,
        unlock_story=unlock,
        article_id=article,
        expires_at=expires,
        reason=" Safety ",
        now=NOW,
    )
    assert asked == terms


RULES = MeterRules(anonymous_limit=5, registered_limit=10)
METERED = ArticleFacts(article_id=1)
FREE = ArticleFacts(article_id=2, free_to_read=True)
PAST_LIMIT = MeterState(used=6, limit=5)


@pytest.mark.parametrize(
    ("article", "kind", "meter", "unlocked", "outcome"),
    [
        (METERED, ReaderKind.ANONYMOUS, PAST_LIMIT, True, Outcome.FULL_UNLOCKED),
        (METERED, ReaderKind.ANONYMOUS, None, True, Outcome.FULL_UNLOCKED),  # meter not asked
        (METERED, ReaderKind.REGISTERED, PAST_LIMIT, True, Outcome.FULL_UNLOCKED),
        (METERED, ReaderKind.ANONYMOUS, PAST_LIMIT, False, Outcome.TEASER_REGISTER),
        (METERED, ReaderKind.REGISTERED, None, False, Outcome.TEASER_SUBSCRIBE),
        (METERED, ReaderKind.SUBSCRIBER, None, True, Outcome.FULL),  # unchanged for them
        (FREE, ReaderKind.ANONYMOUS, None, True, Outcome.FULL),
    ],
)
def test_the_unlock_rule_in_the_paywall_decision(article, kind, meter, unlocked, outcome):
    assert decide(article, ReaderFacts(kind), meter, RULES, unlocked=unlocked) is outcome


@pytest.mark.django_db  # the registered pieces ask whether a test of the appeal runs
def test_an_unlocked_page_is_kept_for_its_readers_but_never_shared_downstream():
    reader = ReaderView(kind=ReaderKind.ANONYMOUS, logged_in=False, outcome=Outcome.FULL_UNLOCKED)
    delivery = deliver(PageFacts(kind=PageKind.ARTICLE), reader, pieces.all)
    assert delivery.variant == "article|anonymous|full-unlocked"
    assert delivery.cache_control == PRIVATE
    assert APPEAL_BANNER.name in delivery.pieces
    teaser = ReaderView(kind=ReaderKind.ANONYMOUS, logged_in=False, outcome=Outcome.TEASER_REGISTER)
    assert deliver(PageFacts(kind=PageKind.ARTICLE), teaser, pieces.all).cache_control == PUBLIC
    assert BREAKING_NEWS in pieces and not BREAKING_NEWS.per_reader
