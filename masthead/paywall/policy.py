"""The paywall decision: who may read how much of which article.

One pure function, :func:`decide`, takes plain facts about the article, the
reader, the reader's meter and the publisher's rules, and returns one of four
outcomes. It performs no I/O, so it is tested as a table (one row per rule).
Anything it does not recognise is refused: the default is the teaser.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Outcome(enum.Enum):
    FULL = "full"  # read in full, nothing counted
    FULL_AND_COUNT = "full-and-count"  # read in full, one of the month's free articles
    FULL_UNLOCKED = "full-unlocked"  # read in full for the public interest, nothing counted
    FULL_GIFT = "full-gift"  # read in full through a subscriber's gift link, nothing counted
    TEASER_REGISTER = "teaser-register"  # teaser, then the registration wall
    TEASER_SUBSCRIBE = "teaser-subscribe"  # teaser, then the subscription offer

    @property
    def is_full(self) -> bool:
        return self in (
            Outcome.FULL,
            Outcome.FULL_AND_COUNT,
            Outcome.FULL_UNLOCKED,
            Outcome.FULL_GIFT,
        )


class ReaderKind(enum.Enum):
    ANONYMOUS = "anonymous"
    REGISTERED = "registered"  # a verified free account
    SUBSCRIBER = "subscriber"
    STAFF = "staff"
    CRAWLER = "crawler"  # a search engine verified by reverse and forward DNS


class Via(enum.Enum):
    """Why a reader reads as a subscriber."""

    SUBSCRIPTION = "subscription"  # their own (paid, trial or complimentary)
    SEAT = "seat"  # a seat in a group subscription someone else pays for
    INSTITUTION_NETWORK = "institution-network"  # inside an institution's IP ranges
    INSTITUTION_EMAIL = "institution-email"  # a verified address at an institution's domain


@dataclass(frozen=True)
class ArticleFacts:
    article_id: int
    free_to_read: bool = False
    in_free_section: bool = False


@dataclass(frozen=True)
class ReaderFacts:
    kind: ReaderKind
    via: Via | None = None  # for a subscriber: why


def reader_kind(
    kind: ReaderKind,
    *,
    seat: bool = False,
    institution_network: bool = False,
    institution_email: bool = False,
) -> tuple[ReaderKind, Via | None]:
    """The kind a reader reads as, and why, from what is known of them.

    ``kind``: what their own account makes them (anonymous without one).
    ``seat``: they hold a seat in a group subscription that grants access now.
    ``institution_network``: the request comes from inside an institution's
    ranges, as seen through the trusted proxies only.
    ``institution_email``: a verified address at an institution's domain;
    an unverified one is not a fact and must never be passed as one.
    The newsroom and verified crawlers stay what they are.
    """
    if kind in (ReaderKind.STAFF, ReaderKind.CRAWLER):
        return kind, None
    if kind is ReaderKind.SUBSCRIBER:
        return kind, Via.SUBSCRIPTION
    if seat:
        return ReaderKind.SUBSCRIBER, Via.SEAT
    if institution_email and kind is ReaderKind.REGISTERED:
        return ReaderKind.SUBSCRIBER, Via.INSTITUTION_EMAIL
    if institution_network:
        return ReaderKind.SUBSCRIBER, Via.INSTITUTION_NETWORK
    return kind, None


@dataclass(frozen=True)
class MeterState:
    """The reader's meter after the atomic grant for this article.

    ``counted_now``: this request used one of the month's free articles.
    ``already_counted``: the article was counted earlier this month (a reread).
    ``used`` and ``limit``: where the reader stands after this request.
    ``available`` is false when the meter store could not be asked.
    """

    used: int = 0
    limit: int = 0
    counted_now: bool = False
    already_counted: bool = False
    available: bool = True

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)


@dataclass(frozen=True)
class MeterRules:
    anonymous_limit: int = 5
    registered_limit: int = 10
    teaser_paragraphs: int = 2

    def limit_for(self, kind: ReaderKind) -> int | None:
        """The monthly allowance of a metered reader; None for readers who are not metered."""
        return {
            ReaderKind.ANONYMOUS: self.anonymous_limit,
            ReaderKind.REGISTERED: self.registered_limit,
        }.get(kind)


UNMETERED_READERS = frozenset({ReaderKind.SUBSCRIBER, ReaderKind.STAFF, ReaderKind.CRAWLER})


def is_metered(article: ArticleFacts, reader: ReaderFacts) -> bool:
    """Whether reading this article costs this reader one of the month's free articles."""
    if article.free_to_read or article.in_free_section:
        return False
    return reader.kind not in UNMETERED_READERS


def decide(
    article: ArticleFacts,
    reader: ReaderFacts,
    meter: MeterState | None,
    rules: MeterRules,
    *,
    unlocked: bool = False,
    gift: bool = False,
) -> Outcome:
    """``unlocked``: a public-interest unlock opens the story to every reader this moment.

    ``gift``: the reader holds a gift link that is good for this article now
    (signed, not expired, not revoked, within its cap of readers).
    """
    if not is_metered(article, reader):
        return Outcome.FULL
    if unlocked:
        return Outcome.FULL_UNLOCKED
    if gift:
        return Outcome.FULL_GIFT
    wall = (
        Outcome.TEASER_SUBSCRIBE
        if reader.kind is ReaderKind.REGISTERED
        else Outcome.TEASER_REGISTER
    )
    if rules.limit_for(reader.kind) is None or meter is None or not meter.available:
        return wall
    if meter.already_counted and not meter.counted_now:
        return Outcome.FULL
    if meter.counted_now and meter.used <= meter.limit:
        return Outcome.FULL_AND_COUNT
    return wall
