"""The delivery decision: what of a rendered page may be kept, for whom, and how it is sent.

One pure function, :func:`deliver`, takes the facts of a page (front or
article, a preview or not, restricted by Wagtail's page privacy or not) and
of the reader (their kind, logged in or not, the paywall's outcome, whether
the meter notice shows) and returns a :class:`Delivery`:

- ``variant``: the name the page is kept under in the shared page cache, or
  None when it must never be kept nor answered from there;
- ``pieces``: the names of the parts filled in as the page is sent (the
  reader's own count and cookie, the appeal's totals this moment: whatever
  the features registered with ``masthead.core.pieces``, each with its own
  rule for when it shows), rendered as explicit placeholders, never found by
  searching copy;
- ``cache_control``: the header, so that no view or middleware decides it.

The renderer and both cache middlewares call it; it is tested as a table.
Anything it does not recognise is never kept and private.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from masthead.core.pieces import Piece
from masthead.paywall.policy import Outcome, ReaderKind

# Short enough that a breaking-news banner switched on or off reaches downstream caches' readers
# within 10 seconds; our own shared cache fills the banner in as each page is sent.
SHARED_SECONDS = 10
PRIVATE = "private, no-store"
PUBLIC = f"public, max-age={SHARED_SECONDS}, s-maxage={SHARED_SECONDS}"


class PageKind(enum.Enum):
    FRONT = "front"  # the front page and section fronts: the same for every reader
    ARTICLE = "article"


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
    page_id: int | None = None  # which page: for whoever counts pages sent (``page_sent``)


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
    pieces: frozenset[str]  # the names of the pieces the page carries
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


def deliver(page: PageFacts, reader: ReaderView, pieces: Iterable[Piece] = ()) -> Delivery:
    """``pieces``: every piece a page may carry (the registry's); each says when it shows."""
    shown = [piece for piece in pieces if piece.shown(reader)]
    names = frozenset(piece.name for piece in shown)
    if page.kind is PageKind.ARTICLE:
        if reader.outcome is None:
            return Delivery(None, frozenset(), PRIVATE)
    elif reader.outcome is not None:
        return Delivery(None, frozenset(), PRIVATE)
    audience = audience_of(reader)
    # Only a reader with no account, seeing what any such reader would, may be shared downstream.
    public = (
        audience is Audience.ANONYMOUS
        and not any(piece.per_reader or piece.varies() for piece in shown)
        and not (page.preview or page.restricted)
        and reader.outcome is not Outcome.FULL_AND_COUNT
        # An unlock ends on the dot: its full text is never left in a cache we cannot reach.
        and reader.outcome is not Outcome.FULL_UNLOCKED
    )
    if reader.outcome is Outcome.FULL_GIFT or reader.personal_address:
        # A gift is its holder's: never kept, never shared downstream.
        return Delivery(None, names, PRIVATE)
    cache_control = PUBLIC if public else PRIVATE
    if reader.messages:
        return Delivery(None, names, PRIVATE)
    if page.preview or page.restricted or audience is None or reader.method != "GET":
        return Delivery(None, names, cache_control)
    variant = variant_name(page.kind, audience, reader.outcome)
    return Delivery(variant, names, cache_control)
