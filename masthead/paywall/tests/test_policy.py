"""The paywall decision as a table: one row per rule."""

import pytest

from masthead.paywall.policy import (
    ArticleFacts,
    MeterRules,
    MeterState,
    Outcome,
    ReaderFacts,
    ReaderKind,
    Via,
    decide,
    reader_kind,
)

RULES = MeterRules(anonymous_limit=5, registered_limit=10, teaser_paragraphs=2)
METERED = ArticleFacts(article_id=1)
FREE_ARTICLE = ArticleFacts(article_id=2, free_to_read=True)
FREE_SECTION = ArticleFacts(article_id=3, in_free_section=True)
A, R, S, T, C = (
    ReaderKind.ANONYMOUS,
    ReaderKind.REGISTERED,
    ReaderKind.SUBSCRIBER,
    ReaderKind.STAFF,
    ReaderKind.CRAWLER,
)


def counted(used, limit):
    return MeterState(used=used, limit=limit, counted_now=True)


def refused(used, limit):
    return MeterState(used=used, limit=limit)


def reread(used, limit):
    return MeterState(used=used, limit=limit, already_counted=True)


DOWN = MeterState(limit=5, available=False)

TABLE = [
    # rule                                              article       reader meter            outcome
    (
        "anonymous reader within allowance is counted",
        METERED,
        A,
        counted(1, 5),
        Outcome.FULL_AND_COUNT,
    ),
    (
        "anonymous reader's fifth article is counted",
        METERED,
        A,
        counted(5, 5),
        Outcome.FULL_AND_COUNT,
    ),
    (
        "anonymous reader past allowance meets the wall",
        METERED,
        A,
        refused(5, 5),
        Outcome.TEASER_REGISTER,
    ),
    ("registered reader within allowance", METERED, R, counted(10, 10), Outcome.FULL_AND_COUNT),
    (
        "registered reader past allowance gets the offer",
        METERED,
        R,
        refused(10, 10),
        Outcome.TEASER_SUBSCRIBE,
    ),
    ("rereading a counted article is free", METERED, A, reread(5, 5), Outcome.FULL),
    ("registered reread is free", METERED, R, reread(10, 10), Outcome.FULL),
    ("subscribers read without limit", METERED, S, None, Outcome.FULL),
    ("staff read without limit", METERED, T, None, Outcome.FULL),
    ("verified crawlers read in full", METERED, C, None, Outcome.FULL),
    ("free-to-read articles are never metered", FREE_ARTICLE, A, None, Outcome.FULL),
    ("free sections are never metered", FREE_SECTION, R, None, Outcome.FULL),
    (
        "no meter answer means the teaser (deny by default)",
        METERED,
        A,
        None,
        Outcome.TEASER_REGISTER,
    ),
    ("meter store down means the teaser", METERED, A, DOWN, Outcome.TEASER_REGISTER),
    (
        "registered reader with the store down gets the offer",
        METERED,
        R,
        DOWN,
        Outcome.TEASER_SUBSCRIBE,
    ),
    ("a count past the limit is never full", METERED, A, counted(6, 5), Outcome.TEASER_REGISTER),
    # Through other people's money: seats and institutions read as subscribers (reader_kind).
    ("a seat holder reads without limit", METERED, (S, Via.SEAT), None, Outcome.FULL),
    (
        "inside an institution's network, no account",
        METERED,
        (S, Via.INSTITUTION_NETWORK),
        None,
        Outcome.FULL,
    ),
    (
        "a verified address at an institution",
        METERED,
        (S, Via.INSTITUTION_EMAIL),
        None,
        Outcome.FULL,
    ),
    (
        "nothing counted and nothing reread is the wall",
        METERED,
        A,
        refused(0, 5),
        Outcome.TEASER_REGISTER,
    ),
]


@pytest.mark.parametrize(
    "rule, article, kind, meter, outcome", TABLE, ids=[row[0] for row in TABLE]
)
def test_policy_table(rule, article, kind, meter, outcome):
    kind, via = kind if isinstance(kind, tuple) else (kind, None)
    assert decide(article, ReaderFacts(kind=kind, via=via), meter, RULES) is outcome


GIFT_TABLE = [
    # rule                                                    article        reader meter     outcome
    ("a gift opens a metered story past the limit", METERED, A, refused(5, 5), Outcome.FULL_GIFT),
    ("a gift leaves the meter unasked", METERED, A, None, Outcome.FULL_GIFT),
    ("a gift to a registered reader", METERED, R, refused(10, 10), Outcome.FULL_GIFT),
    ("a subscriber needs no gift", METERED, S, None, Outcome.FULL),
    ("a gift of a free story is just the story", FREE_ARTICLE, A, None, Outcome.FULL),
]


@pytest.mark.parametrize(
    "rule, article, kind, meter, outcome", GIFT_TABLE, ids=[row[0] for row in GIFT_TABLE]
)
def test_gift_table(rule, article, kind, meter, outcome):
    assert decide(article, ReaderFacts(kind=kind), meter, RULES, gift=True) is outcome


KIND_TABLE = [
    # own kind, seat, network, verified email at the domain -> kind, via
    (A, False, False, False, A, None),
    (A, True, False, False, S, Via.SEAT),
    (R, True, False, False, S, Via.SEAT),
    (A, False, True, False, S, Via.INSTITUTION_NETWORK),
    (R, False, True, False, S, Via.INSTITUTION_NETWORK),
    (R, False, False, True, S, Via.INSTITUTION_EMAIL),
    # An unverified account's address at the domain is no fact: it stays anonymous.
    (A, False, False, True, A, None),
    (S, True, True, True, S, Via.SUBSCRIPTION),
    (T, True, True, True, T, None),
    (C, False, True, False, C, None),
]


@pytest.mark.parametrize("own, seat, network, email, kind, via", KIND_TABLE)
def test_reader_kind_table(own, seat, network, email, kind, via):
    assert reader_kind(own, seat=seat, institution_network=network, institution_email=email) == (
        kind,
        via,
    )


def test_a_limit_of_zero_walls_at_once():
    rules = MeterRules(anonymous_limit=0)
    assert decide(METERED, ReaderFacts(kind=A), refused(0, 0), rules) is Outcome.TEASER_REGISTER


def test_rules_give_limits_to_metered_readers_only():
    assert RULES.limit_for(A) == 5 and RULES.limit_for(R) == 10
    assert RULES.limit_for(S) is None and RULES.limit_for(T) is None and RULES.limit_for(C) is None
