"""Whether a gift link is good for this article now, and if not, why: one pure function.

:func:`verdict` takes plain facts (the id the token's signature vouches for,
the link as saved, the article asked for, the moment, the publisher's switch,
whether this reader already read through the link, whether its giver still
subscribes or holds a seat) and returns a
:class:`Verdict`. It performs no I/O, so it is tested as a table. A good
verdict is a promise only for a reader already counted; a new reader still
has to win one of the places left (``services.gift_claim``), atomically.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from masthead.paywall.policy import ReaderKind, Via

# A subscription of one's own, or a seat in a group's: an institution's readers do not give.
GIVING = frozenset({Via.SUBSCRIPTION, Via.SEAT})


class Verdict(enum.Enum):
    GOOD = "good"
    INVALID = "invalid"  # forged, edited, or a link that no longer exists
    OFF = "off"  # the publisher turned gifting off
    OTHER_ARTICLE = "other-article"
    REVOKED = "revoked"
    EXPIRED = "expired"
    GIVER_LAPSED = "giver-lapsed"  # the giver no longer subscribes nor holds a seat
    FULL = "full"  # its readers' places are all taken, and this reader holds none

    @property
    def good(self) -> bool:
        return self is Verdict.GOOD

    @property
    def note(self) -> str:
        """The line shown above the story when the link did not open it."""
        return NOTES[self]


NOTES = {
    Verdict.GOOD: "",
    Verdict.INVALID: "This gift link is not valid. Check that it was copied in full.",
    Verdict.OFF: "Gift links are not available at the moment.",
    Verdict.OTHER_ARTICLE: "This gift link is for another story.",
    Verdict.REVOKED: "This gift link has been withdrawn by the subscriber who sent it.",
    Verdict.EXPIRED: "This gift link has expired.",
    Verdict.GIVER_LAPSED: (
        "The subscriber who shared this link no longer subscribes; "
        "this story counts as one of your free articles, if you have one left."
    ),
    Verdict.FULL: "This gift link has already been used by as many readers as it allows.",
}


@dataclass(frozen=True)
class GiftRules:
    enabled: bool = True
    days: int = 30
    readers: int = 10
    links_a_month: int = 10


@dataclass(frozen=True)
class GiftFacts:
    gift_id: int
    article_id: int
    expires_at: datetime
    revoked: bool
    readers: int  # distinct readers so far
    cap: int


def verdict(
    *,
    signed_id: int | None,
    gift: GiftFacts | None,
    article_id: int,
    now: datetime,
    enabled: bool,
    already_reader: bool = False,
    giver_gives: bool = True,
) -> Verdict:
    """``signed_id``: the id the token's signature vouches for (None: forged or edited).

    ``gift``: the link saved under that id (None: there is none).
    ``already_reader``: this reader holds one of the link's places already.
    ``giver_gives``: the giver still subscribes or holds a seat (:func:`gives`); a
    link opens stories only while they do, for its readers already counted too.
    """
    if not enabled:
        return Verdict.OFF
    if signed_id is None or gift is None or gift.gift_id != signed_id:
        return Verdict.INVALID
    if gift.article_id != article_id:
        return Verdict.OTHER_ARTICLE
    if gift.revoked:
        return Verdict.REVOKED
    if now >= gift.expires_at:
        return Verdict.EXPIRED
    if not giver_gives:
        return Verdict.GIVER_LAPSED
    if not already_reader and gift.readers >= gift.cap:
        return Verdict.FULL
    return Verdict.GOOD


def gives(kind: ReaderKind, via: Via | None) -> bool:
    """Whether an account of this kind may give stories: a subscriber by their own or a seat.

    The newsroom's links keep working too: staff read everything.
    """
    return kind is ReaderKind.STAFF or (kind is ReaderKind.SUBSCRIBER and via in GIVING)


def links_left(rules: GiftRules, made_this_month: int) -> int:
    """How many more links a giver may make this month."""
    return max(rules.links_a_month - made_this_month, 0)
