"""What is switched on now: read once per change of the ``breaking`` tag, judged against the clock.

Every save or delete of a banner or an unlock bumps ``breaking``; between
changes the rows are kept in this process, and the time is compared on each
call, so an expiry takes effect on the dot without any save.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from masthead.breaking.rules import (
    BannerState,
    UnlockState,
    showing_banner,
    unlock_active,
)
from masthead.core.kept import kept_until_changed


@dataclass(frozen=True)
class Switched:
    banners: tuple[BannerState, ...]  # switched on (expired or not)
    unlocks: tuple[UnlockState, ...]  # not ended


@kept_until_changed("breaking")
def switched_on() -> Switched:
    from masthead.breaking.models import BreakingBanner, PublicInterestUnlock

    return Switched(
        banners=tuple(b.state() for b in BreakingBanner.objects.filter(live=True)),
        unlocks=tuple(
            u.state()
            for u in PublicInterestUnlock.objects.filter(
                ended_at__isnull=True, article__isnull=False
            )
        ),
    )


def banner_showing(now: datetime | None = None) -> BannerState | None:
    return showing_banner(switched_on().banners, now or timezone.now())


def is_unlocked(article_id: int, now: datetime | None = None) -> bool:
    """Whether a public-interest unlock opens this story to every reader at this moment."""
    switched = switched_on()
    if not switched.unlocks:
        return False
    now = now or timezone.now()
    showing = showing_banner(switched.banners, now)
    return any(
        unlock.article_id == article_id and unlock_active(unlock, showing, now)
        for unlock in switched.unlocks
    )
