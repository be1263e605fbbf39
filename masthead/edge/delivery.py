"""The delivery decision: what of a rendered page may be kept, for whom, and how it is sent.

One pure function, :func:`deliver`, takes the facts of a page (front or
article, a preview or not, restricted by Wagtail's page privacy or not) and
of the reader (their kind, logged in or not, the paywall's outcome, whether
the meter notice shows) and returns a :class:`Delivery`:

- ``variant``: the name the page is kept under in the shared page cache, or
  None when it must never be kept nor answered from there;
- ``pieces``: the parts filled in as the page is sent (the reader's own count
  and cookie, the appeal's totals this moment), rendered as explicit
  placeholders (see ``pieces.py``), never found by searching copy;
- ``cache_control``: the header, so that no view or middleware decides it.

The renderer and both cache middlewares call it; it is tested as a table.
Anything it does not recognise is never kept and private.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from masthead.paywall.policy import Outcome, ReaderKind

# Short enough that a breaking-news banner switched on or off reaches downstream caches' readers
# within 10 seconds; our own shared cache fills the banner in as each page is sent.
SHARED_SECONDS = 10
PRIVATE = "private, no-store"
PUBLIC = f"public, max-age={SHARED_SECONDS}, s-maxage={SHARED_SECONDS}"


class PageKind(enum.Enum):
    FRONT = "front"  # the front page and section fronts: the same for every reader
    ARTICLE = "article"


class Piece(enum.Enum):
    """A part of a shared page filled in as it is sent."""

    METER_USED = "meter-used"  # "You have read N of …": the reader's own
    READER_COOKIE = "reader-cookie"  # a new browser's meter cookie, set once a read counts
    APPEAL_BANNER = "appeal-banner"  # the appeal's totals this moment: the same for everyone
    BREAKING_NEWS = "breaking-news"  # the breaking-news banner this moment: on every page

    @property
    def per_reader(self) -> bool:
        return self not in (Piece.APPEAL_BANNER, Piece.BREAKING_NEWS)


class Audience(enum.Enum):
    """Who a kept page is for: readers without an account, or account holders by kind."""

    ANONYMOUS = "anonymous"
    UNVERIFIED = "unverified"  # logged in, email not verified: the anonymous allowance
    REGISTERED = "registered"
    SUBSCRIBER = "subscriber"


@dataclass(frozen=True)
class PageFacts:
    kind: PageKind
    preview: bool = False  # Wagtail's preview or draft view
    restricted: bool = False  # any of Wagtail's view restrictions on it or an ancestor


@dataclass(frozen=True)
class ReaderView:
    """What the delivery needs to know of the reader and of the paywall's answer."""

    kind: ReaderKind
    logged_in: bool
    outcome: Outcome | None = None  # None for a front
    meter_notice: bool = False
    method: str = "GET"
    messages: bool = False  # "You have signed out" and the like: this reader's, this once
    # The address carries something of one reader's (a gift link's token): whatever the
    # page says (the story, or the teaser and why the link did not open it) is theirs.
    personal_address: bool = False


@dataclass(frozen=True)
class Delivery:
    variant: str | None
    pieces: frozenset[Piece]
    cache_control: str

    @property
    def kept(self) -> bool:
        return self.variant is not None


NEVER_KEPT = frozenset({ReaderKind.STAFF, ReaderKind.CRAWLER})
ACCOUNT_AUDIENCE = {
    ReaderKind.ANONYMOUS: Audience.UNVERIFIED,
    ReaderKind.REGISTERED: Audience.REGISTERED,
    ReaderKind.SUBSCRIBER: Audience.SUBSCRIBER,
}


def audience_of(reader: ReaderView) -> Audience | None:
    if reader.kind in NEVER_KEPT:
        return None
    if not reader.logged_in:
        return Audience.ANONYMOUS if reader.kind is ReaderKind.ANONYMOUS else None
    return ACCOUNT_AUDIENCE.get(reader.kind)


def variant_name(kind: PageKind, audience: Audience, outcome: Outcome | None) -> str:
    """The one place a variant's name is made."""
    return f"{kind.value}|{audience.value}|{outcome.value if outcome else '-'}"


def deliver(page: PageFacts, reader: ReaderView) -> Delivery:
    pieces: set[Piece] = set()
    if reader.outcome is None or reader.outcome.is_full:
        pieces.add(Piece.APPEAL_BANNER)  # never beside the paywall's offer: one ask at a time
    if page.kind is PageKind.ARTICLE:
        if reader.outcome is None:
            return Delivery(None, frozenset(), PRIVATE)
        if reader.meter_notice:
            pieces.add(Piece.METER_USED)
        if reader.outcome is Outcome.FULL_AND_COUNT:
            pieces.add(Piece.READER_COOKIE)
    elif reader.outcome is not None:
        return Delivery(None, frozenset(), PRIVATE)
    audience = audience_of(reader)
    # Only a reader with no account, seeing what any such reader would, may be shared downstream.
    public = (
        audience is Audience.ANONYMOUS
        and not any(piece.per_reader for piece in pieces)
        and not (page.preview or page.restricted)
        and reader.outcome is not Outcome.FULL_AND_COUNT
        # An unlock ends on the dot: its full text is never left in a cache we cannot reach.
        and reader.outcome is not Outcome.FULL_UNLOCKED
    )
    if reader.outcome is Outcome.FULL_GIFT or reader.personal_address:
        # A gift is its holder's: never kept, never shared downstream.
        return Delivery(None, frozenset(pieces), PRIVATE)
    cache_control = PUBLIC if public else PRIVATE
    if reader.messages:
        return Delivery(None, frozenset(pieces), PRIVATE)
    if page.preview or page.restricted or audience is None or reader.method != "GET":
        return Delivery(None, frozenset(pieces), cache_control)
    variant = variant_name(page.kind, audience, reader.outcome)
    return Delivery(variant, frozenset(pieces), cache_control)
