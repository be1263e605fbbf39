"""The delivery decision as a table: one row per case and per outcome."""

from dataclasses import replace

import pytest

from masthead.appeals.banner import APPEAL_BANNER
from masthead.core.pieces import Piece, fill, pieces, placeholder, split
from masthead.edge.delivery import (
    PRIVATE,
    PUBLIC,
    PageFacts,
    PageKind,
    ReaderView,
    deliver,
)
from masthead.paywall.policy import Outcome, ReaderKind
from masthead.paywall.registrations import METER_USED, READER_COOKIE

ARTICLE = PageFacts(kind=PageKind.ARTICLE)
FRONT = PageFacts(kind=PageKind.FRONT)
PREVIEW = PageFacts(kind=PageKind.ARTICLE, preview=True)
RESTRICTED = PageFacts(kind=PageKind.ARTICLE, restricted=True)
RESTRICTED_FRONT = PageFacts(kind=PageKind.FRONT, restricted=True)

A, R, S = ReaderKind.ANONYMOUS, ReaderKind.REGISTERED, ReaderKind.SUBSCRIBER
STAFF, CRAWLER = ReaderKind.STAFF, ReaderKind.CRAWLER
FULL, COUNT = Outcome.FULL, Outcome.FULL_AND_COUNT
WALL, OFFER = Outcome.TEASER_REGISTER, Outcome.TEASER_SUBSCRIBE
# The pieces as the paywall and the appeal register them, each with its own rule.
# The appeal while no test of its words runs (a test makes it vary: see below).
PIECES = (METER_USED, READER_COOKIE, replace(APPEAL_BANNER, varies=lambda: False))
USED, COOKIE, BANNER = (piece.name for piece in PIECES)


def view(kind, logged_in=False, outcome=None, notice=False, method="GET", messages=False):
    return ReaderView(
        kind=kind,
        logged_in=logged_in,
        outcome=outcome,
        meter_notice=notice,
        method=method,
        messages=messages,
    )


# page, reader, kept as (None: never), pieces filled per reader, Cache-Control
TABLE = [
    # Readers without an account, by outcome.
    ("counted read", ARTICLE, view(A, outcome=COUNT, notice=True),
     "article|anonymous|full-and-count", {USED, COOKIE, BANNER}, PRIVATE),
    ("reread, notice shows", ARTICLE, view(A, outcome=FULL, notice=True),
     "article|anonymous|full", {USED, BANNER}, PRIVATE),
    ("free article", ARTICLE, view(A, outcome=FULL), "article|anonymous|full", {BANNER}, PUBLIC),
    ("teaser and registration wall", ARTICLE, view(A, outcome=WALL),
     "article|anonymous|teaser-register", set(), PUBLIC),
    ("front", FRONT, view(A), "front|anonymous|-", {BANNER}, PUBLIC),
    ("HEAD: the teaser, never kept", ARTICLE, view(A, outcome=WALL, method="HEAD"),
     None, set(), PUBLIC),
    # Account holders: kept for their kind, never public (case 5).
    ("unverified account, free article", ARTICLE, view(A, True, FULL),
     "article|unverified|full", {BANNER}, PRIVATE),
    ("unverified account, teaser", ARTICLE, view(A, True, WALL),
     "article|unverified|teaser-register", set(), PRIVATE),
    ("unverified account, counted", ARTICLE, view(A, True, COUNT, True),
     "article|unverified|full-and-count", {USED, COOKIE, BANNER}, PRIVATE),
    ("registered, counted", ARTICLE, view(R, True, COUNT, True),
     "article|registered|full-and-count", {USED, COOKIE, BANNER}, PRIVATE),
    ("registered, subscription offer", ARTICLE, view(R, True, OFFER),
     "article|registered|teaser-subscribe", set(), PRIVATE),
    ("subscriber", ARTICLE, view(S, True, FULL), "article|subscriber|full", {BANNER}, PRIVATE),
    ("subscriber's front", FRONT, view(S, True), "front|subscriber|-", {BANNER}, PRIVATE),
    # The newsroom and crawlers: never kept (case 2).
    ("staff", ARTICLE, view(STAFF, True, FULL), None, {BANNER}, PRIVATE),
    ("staff front", FRONT, view(STAFF, True), None, {BANNER}, PRIVATE),
    ("verified crawler", ARTICLE, view(CRAWLER, outcome=FULL), None, {BANNER}, PRIVATE),
    # Previews and draft views: never kept, whoever asks (cases 1 and 2).
    ("preview by the newsroom", PREVIEW, view(STAFF, True, FULL), None, {BANNER}, PRIVATE),
    ("preview by a metered account", PREVIEW, view(R, True, FULL), None, {BANNER}, PRIVATE),
    ("preview, no account", PREVIEW, view(A, outcome=WALL), None, set(), PRIVATE),
    # Page privacy: never kept, never public (case 3).
    ("restricted, no account", RESTRICTED, view(A, outcome=WALL), None, set(), PRIVATE),
    ("restricted, subscriber", RESTRICTED, view(S, True, FULL), None, {BANNER}, PRIVATE),
    ("restricted front", RESTRICTED_FRONT, view(A), None, {BANNER}, PRIVATE),
    # A message waits ("You have signed out"): this reader's page, this once.
    ("front with a message", FRONT, view(A, messages=True), None, {BANNER}, PRIVATE),
    ("teaser with a message", ARTICLE, view(A, outcome=WALL, messages=True), None, set(), PRIVATE),
    ("subscriber with a message", ARTICLE, view(S, True, FULL, messages=True),
     None, {BANNER}, PRIVATE),
    # A gift link: its holder's alone, whoever holds it (issue 17).
    ("gift, no account", ARTICLE, view(A, outcome=Outcome.FULL_GIFT), None, {BANNER}, PRIVATE),
    ("gift, registered", ARTICLE, view(R, True, Outcome.FULL_GIFT), None, {BANNER}, PRIVATE),
    # A link that did not open it: the teaser and why, still this holder's alone.
    ("spent gift link", ARTICLE, replace(view(A, outcome=WALL), personal_address=True),
     None, set(), PRIVATE),
    # A reader inside an institution's network, no account: a subscriber, never kept.
    ("institution's network", ARTICLE, view(S, outcome=FULL), None, {BANNER}, PRIVATE),
    # Deny by default: an article without an outcome, a front with one.
    ("article with no outcome", ARTICLE, view(A), None, set(), PRIVATE),
    ("front with an outcome", FRONT, view(A, outcome=FULL), None, set(), PRIVATE),
]  # fmt: skip


@pytest.mark.parametrize(("case", "page", "reader", "kept", "pieces", "cache"), TABLE)
def test_delivery(case, page, reader, kept, pieces, cache):
    delivery = deliver(page, reader, PIECES)
    assert delivery.variant == kept, case
    assert delivery.pieces == frozenset(pieces), case
    assert delivery.cache_control == cache, case


def test_the_registered_pieces_are_the_ones_the_table_holds():
    assert {USED, COOKIE, BANNER} <= pieces.names


def test_a_piece_a_feature_registers_takes_its_own_rule():
    """A new piece (say, a test of the asks) needs no change to the delivery decision."""
    ask = Piece("ask-test", shown=lambda view: view.outcome is Outcome.TEASER_REGISTER)
    own = Piece("own-greeting", per_reader=True)
    teaser = deliver(ARTICLE, view(A, outcome=WALL), (*PIECES, ask, own))
    assert teaser.pieces == {"ask-test", "own-greeting"}
    assert teaser.cache_control == PRIVATE  # a reader's own piece: never shared downstream
    front = deliver(FRONT, view(A), (*PIECES, ask))
    assert front.pieces == {BANNER} and front.cache_control == PUBLIC


def test_a_piece_that_varies_this_moment_keeps_the_page_shared_here_but_not_downstream():
    """A test of the appeal's words: one kept front serves every variant, no cache beyond."""
    tested = replace(APPEAL_BANNER, varies=lambda: True)
    front = deliver(FRONT, view(A), (*PIECES[:2], tested))
    assert front.kept and front.variant == "front|anonymous|-"
    assert front.pieces == {BANNER} and front.cache_control == PRIVATE


def test_pieces_are_placeholders_filled_per_reader():
    page = f"<p>You have read {placeholder(USED)} of 5</p>".encode()
    parts = split(page)
    assert parts == (b"<p>You have read ", USED, b" of 5</p>")
    assert fill(parts, {USED: "3"}) == b"<p>You have read 3 of 5</p>"
    assert fill(parts, {}) == b"<p>You have read  of 5</p>"  # never a guessed number
    plain = b"<p>You have read 3 of 5</p>"
    assert split(plain) == (plain,)  # copy alone is never taken for a piece
