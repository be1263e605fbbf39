"""What features hand the access service, registered in their ``AppConfig.ready()``.

The access service decides on plain facts; it does not know where they come
from. Each registry holds plain functions that answer one question:

- :data:`own_subscriptions` ``(user, now) -> Standing | None``: does the
  account's own subscription grant access now, and until when without a change?
- :data:`memberships` ``(user_id, now) -> Standing | None``: for a verified
  account with no subscription of its own, a seat someone else pays for, or a
  verified address at an institution's domain.
- :data:`networks` ``(address) -> institution id | None``: an address inside
  an institution's ranges (seen through the trusted proxies only).
- :data:`unlocks` ``(article_id) -> bool``: a public-interest unlock opens the
  story to every reader this moment.
- :data:`gifts` ``(request, reader, facts) -> bool``: this request carries a
  gift link good for this story now.

The wall's subscription offer is the access service's page piece
(``offer_copy.py``); what it says is asked of three more registries, which
carry the ask's words and never touch what the reader may read:

- :data:`offer_copies` ``(request, access) -> OfferCopy | None``: the copy a
  test of the offer gives this reader; the first that answers wins.
- :data:`offer_varies` ``() -> bool``: the offer differs from reader to
  reader this moment (a test is running), so its page is never shared downstream.
- :data:`offer_defaults` ``() -> OfferCopy | None``: the paper's own offer
  (its words, the plan shown first, a suggested amount); none: the built-in words.

And one event, :data:`article_read`, a Django signal sent with ``access``
whenever a reader is given a story in full on a read that counts (a GET, not
a preview): Most read and institutions' monthly reads listen to it, and so
can analytics. Receivers must be quick: they run on the reader's path.

Whoever changes what an answer depends on bumps the tags the access service
keeps answers under (``accounts.account_tags``), so kept answers end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.dispatch import Signal

from masthead.core.registry import Registry


@dataclass(frozen=True)
class Standing:
    """What a feature says of one account."""

    subscriber: bool = False  # its own subscription grants access now
    seat: bool = False  # it holds a seat in a group subscription that grants access now
    institution_id: int | None = None  # a verified address at this institution's domain
    until: datetime | None = None  # the answer lapses on its own then, with no change saved


own_subscriptions: Registry[Callable[[object, datetime], Standing | None]] = Registry(
    "own subscriptions"
)
memberships: Registry[Callable[[int, datetime], Standing | None]] = Registry("memberships")
networks: Registry[Callable[[str | None], int | None]] = Registry("institution networks")
unlocks: Registry[Callable[[int], bool]] = Registry("public-interest unlocks")
gifts: Registry[Callable[[object, object, object], bool]] = Registry("gift links")


@dataclass(frozen=True)
class OfferCopy:
    """The words of the wall's subscription offer; empty fields keep the built-in ones."""

    variant: str = ""  # whose copy (a test's variant); the offer is rendered once per copy
    text: str = ""
    button: str = ""
    first_plan: int | None = None  # the plan /subscribe/ shows first, by id
    suggested_pence: int | None = None  # a one-off contribution the offer suggests


offer_copies: Registry[Callable[[object, object], OfferCopy | None]] = Registry("offer copy")
offer_varies: Registry[Callable[[], bool]] = Registry("offer varies")
offer_defaults: Registry[Callable[[], OfferCopy | None]] = Registry("default offer")

# Sent with ``access``: a story given in full on a read that counts. Receivers are kept per
# sender (the access service sends as ``Access``), so sending costs no lookup per read.
article_read = Signal(use_caching=True)


def institution_network(address: str | None) -> int | None:
    """The institution whose ranges hold ``address``, if a feature knows one."""
    for lookup in networks:
        found = lookup(address)
        if found is not None:
            return found
    return None


def is_unlocked(article_id: int) -> bool:
    return any(unlocked(article_id) for unlocked in unlocks)


def holds_gift(request, reader, facts) -> bool:
    return any(gift(request, reader, facts) for gift in gifts)


def default_offer() -> OfferCopy:
    """The paper's own offer: what the wall shows without a test, and to a test's holdout."""
    for default in offer_defaults:
        copy = default()
        if copy is not None:
            return copy
    return OfferCopy()


def offer_for(request, access) -> OfferCopy:
    for choose in offer_copies:
        copy = choose(request, access)
        if copy is not None:
            return copy
    return default_offer()


def offer_differs() -> bool:
    return any(varies() for varies in offer_varies)
