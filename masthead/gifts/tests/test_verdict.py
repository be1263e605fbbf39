"""Whether a gift link opens a story, and why not: the verification as a table."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.gifts.links import gift_id_from, gift_token, gift_url
from masthead.gifts.verdict import GiftFacts, GiftRules, Verdict, gives, links_left, verdict
from masthead.paywall.policy import ReaderKind, Via

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
GIFT = GiftFacts(
    gift_id=7, article_id=42, expires_at=NOW + timedelta(days=1), revoked=False, readers=3, cap=10
)


def facts(**changes) -> GiftFacts:
    return GiftFacts(**{**GIFT.__dict__, **changes})


ROWS = [
    # (why, signed id, the gift as saved, article asked for, gifting on, already a reader, verdict)
    ("a good link, a new reader", 7, GIFT, 42, True, False, Verdict.GOOD),
    ("a good link, a reader it has", 7, GIFT, 42, True, True, Verdict.GOOD),
    ("forged or edited: no signed id", None, GIFT, 42, True, False, Verdict.INVALID),
    ("a signed id with no link behind it", 7, None, 42, True, False, Verdict.INVALID),
    ("a link saved under another id", 8, GIFT, 42, True, False, Verdict.INVALID),
    ("gifting turned off", 7, GIFT, 42, False, True, Verdict.OFF),
    ("moved to another article", 7, GIFT, 43, True, True, Verdict.OTHER_ARTICLE),
    ("revoked", 7, facts(revoked=True), 42, True, True, Verdict.REVOKED),
    ("expired at the second", 7, facts(expires_at=NOW), 42, True, True, Verdict.EXPIRED),
    (
        "expired a day ago",
        7,
        facts(expires_at=NOW - timedelta(days=1)),
        42,
        True,
        True,
        Verdict.EXPIRED,
    ),  # noqa: E501
    ("one place left", 7, facts(readers=9), 42, True, False, Verdict.GOOD),
    ("full, a new reader", 7, facts(readers=10), 42, True, False, Verdict.FULL),
    ("full, a reader it has", 7, facts(readers=10), 42, True, True, Verdict.GOOD),
    ("revoked beats full", 7, facts(revoked=True, readers=10), 42, True, False, Verdict.REVOKED),
    (
        "another article beats expired",
        7,
        facts(expires_at=NOW),
        43,
        True,
        False,
        Verdict.OTHER_ARTICLE,
    ),  # noqa: E501
]


@pytest.mark.parametrize(
    "why, signed_id, gift, article_id, enabled, already, expected",
    ROWS,
    ids=[row[0] for row in ROWS],
)
def test_verdict(why, signed_id, gift, article_id, enabled, already, expected):
    answer = verdict(
        signed_id=signed_id,
        gift=gift,
        article_id=article_id,
        now=NOW,
        enabled=enabled,
        already_reader=already,
    )
    assert answer is expected
    assert answer.good == (expected is Verdict.GOOD)
    assert bool(answer.note) == (expected is not Verdict.GOOD)


@pytest.mark.parametrize(
    "why, gift, already, expected",
    [
        ("a reader it has", GIFT, True, Verdict.GIVER_LAPSED),
        ("a new reader", GIFT, False, Verdict.GIVER_LAPSED),
        ("full beats nothing: lapsed first", facts(readers=10), False, Verdict.GIVER_LAPSED),
        ("revoked says revoked", facts(revoked=True), True, Verdict.REVOKED),
        ("expired says expired", facts(expires_at=NOW), True, Verdict.EXPIRED),
    ],
)
def test_a_giver_who_no_longer_subscribes_opens_nothing(why, gift, already, expected):
    answer = verdict(
        signed_id=7,
        gift=gift,
        article_id=42,
        now=NOW,
        enabled=True,
        already_reader=already,
        giver_gives=False,
    )
    assert answer is expected
    if expected is Verdict.GIVER_LAPSED:
        assert answer.note == (
            "The subscriber who shared this link no longer subscribes; "
            "this story counts as one of your free articles, if you have one left."
        )


@pytest.mark.parametrize(
    "kind, via, expected",
    [
        (ReaderKind.SUBSCRIBER, Via.SUBSCRIPTION, True),
        (ReaderKind.SUBSCRIBER, Via.SEAT, True),
        (ReaderKind.SUBSCRIBER, Via.INSTITUTION_EMAIL, False),
        (ReaderKind.STAFF, None, True),
        (ReaderKind.REGISTERED, None, False),
        (ReaderKind.ANONYMOUS, None, False),
    ],
)
def test_who_still_gives(kind, via, expected):
    assert gives(kind, via) is expected


def test_every_refusal_explains_itself_differently():
    notes = [v.note for v in Verdict if v is not Verdict.GOOD]
    assert len(set(notes)) == len(notes) and all(notes)


def test_a_token_holds_the_id_and_nothing_else_opens_it():
    token = gift_token(7)
    assert gift_id_from(token) == 7
    assert token.startswith("7:")
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert gift_id_from(flipped) is None  # one character of the signature changed
    assert gift_id_from("8" + token[1:]) is None  # the id changed, the signature kept
    assert gift_id_from("7") is None and gift_id_from("") is None
    assert gift_id_from(token + "x" * 200) is None


def test_a_token_signed_with_another_salt_is_refused():
    from django.core import signing

    assert gift_id_from(signing.Signer(salt="masthead.paywall.reader-cookie").sign("7")) is None
    assert gift_id_from(signing.Signer().sign("7")) is None
    assert gift_id_from(signing.Signer(salt="masthead.gifts.link").sign("-7")) is None


def test_the_link_is_the_story_address_with_the_token():
    assert gift_url("/world/a-story/", 7) == "/world/a-story/?gift=" + gift_token(7).replace(
        ":", "%3A"
    )


@pytest.mark.parametrize("made, left", [(0, 10), (9, 1), (10, 0), (12, 0)])
def test_links_left_in_the_month(made, left):
    assert links_left(GiftRules(links_a_month=10), made) == left
