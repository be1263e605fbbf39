"""The breaking-news rules as plain functions of plain values, tested as tables.

- Which banner shows: the newest one switched on and not expired; one at a time.
- What goes where: the banner takes the appeal's place while it shows, and
  where the paywall's offer is on the page it shrinks to one line at the top,
  so that no two boxes ever ask for the reader's attention at once.
- Whether a story is unlocked: only while its unlock's banner shows, from its
  start to its end, and never once it has been ended.
- When an unlock ended, for the record: when its time ran out, or the moment
  its banner stopped showing (switched off, or a newer banner took over).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class BannerState:
    pk: int
    created_at: datetime
    live: bool
    expires_at: datetime | None = None


@dataclass(frozen=True)
class UnlockState:
    article_id: int
    banner_id: int | None
    starts_at: datetime
    until: datetime | None = None  # None: until the banner is switched off
    ended_at: datetime | None = None


class Form(enum.Enum):
    BOX = "box"  # the full banner at the top of the page
    LINE = "line"  # one line at the top: the paywall's offer is on this page


def shows(banner: BannerState, now: datetime) -> bool:
    return banner.live and (banner.expires_at is None or now < banner.expires_at)


def showing_banner(banners: Iterable[BannerState], now: datetime) -> BannerState | None:
    """The newest banner switched on and not expired, or None."""
    candidates = [banner for banner in banners if shows(banner, now)]
    return max(candidates, key=lambda b: (b.created_at, b.pk), default=None)


def boxes(*, banner: bool, appeal: bool, offer: bool) -> tuple[Form | None, bool]:
    """The breaking banner's form (or None) and whether the appeal shows: one box at a time."""
    if banner:
        return (Form.LINE if offer else Form.BOX), False
    return None, appeal and not offer


def unlock_active(unlock: UnlockState, showing: BannerState | None, now: datetime) -> bool:
    """Whether the unlock opens its story now: its banner shows and its time has not run out."""
    return (
        showing is not None
        and unlock.banner_id == showing.pk
        and unlock.ended_at is None
        and unlock.starts_at <= now
        and (unlock.until is None or now < unlock.until)
    )


def unlock_ended_at(
    unlock: UnlockState, showing: BannerState | None, now: datetime
) -> datetime | None:
    """When the unlock ended, if it has: the time on the record, else None while it still runs.

    Its end is recorded once (``ended_at``); until then, an unlock whose time ran
    out ended at its ``until``, and one whose banner no longer shows ended now.
    """
    if unlock.ended_at is not None:
        return unlock.ended_at
    if unlock.until is not None and unlock.until <= now:
        return unlock.until
    if showing is None or unlock.banner_id != showing.pk:
        return now
    return None


def next_change(banners: Iterable[BannerState], now: datetime) -> datetime | None:
    """The next moment a banner expires: what is shown may change then without any save."""
    ahead = [b.expires_at for b in banners if b.live and b.expires_at and b.expires_at > now]
    return min(ahead, default=None)
