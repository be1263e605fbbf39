"""Recording public-interest unlocks: one row per unlock, with who, why and until when.

An editor's save of a banner starts an unlock when the banner asks for one,
shows, and none with the same terms is open; any open unlock whose terms the
banner no longer asks for (switched off, unticked, another story, another
expiry, another reason) is ended at that moment. Every save also records the
end of any other open unlock that has finished (``rules.unlock_ended_at``):
one whose banner a newer banner took over ends then, one whose time ran out
ends at its ``until``. Rows are never edited otherwise.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from masthead.breaking.rules import showing_banner, unlock_ended_at

Terms = tuple[int, datetime | None, str]  # article, until, reason


def wanted_terms(
    *,
    live: bool,
    unlock_story: bool,
    article_id: int | None,
    expires_at: datetime | None,
    reason: str,
    now: datetime,
) -> Terms | None:
    """The unlock a banner asks for now, or None."""
    if not (live and unlock_story and article_id):
        return None
    if expires_at is not None and expires_at <= now:
        return None
    return (article_id, expires_at, reason.strip())


def banner_terms(banner, now: datetime) -> Terms | None:
    from masthead.news.models import ArticlePage

    article_id = banner.link_page_id
    if article_id and not ArticlePage.objects.filter(pk=article_id).exists():
        article_id = None
    return wanted_terms(
        live=banner.live,
        unlock_story=banner.unlock_story,
        article_id=article_id,
        expires_at=banner.expires_at,
        reason=banner.unlock_reason,
        now=now,
    )


def sync_unlocks(banner, *, by=None, now: datetime | None = None) -> None:
    """End the banner's open unlocks it no longer asks for; start the one it asks for (with ``by``).

    Without ``by`` nothing is started: an unlock always names who made it.
    """
    from masthead.breaking.models import PublicInterestUnlock

    now = now or timezone.now()
    showing = showing_now(now)
    shows = showing is not None and showing.pk == banner.pk
    wanted = banner_terms(banner, now) if banner.pk and shows else None
    still_open = False
    for unlock in PublicInterestUnlock.objects.filter(banner=banner, ended_at__isnull=True):
        if wanted is not None and (unlock.article_id, unlock.until, unlock.reason) == wanted:
            still_open = True
            continue
        unlock.ended_at = unlock_ended_at(unlock.state(), showing, now) or now
        unlock.save(update_fields=["ended_at"])
    end_finished_unlocks(showing, now)
    if wanted is None or still_open or by is None:
        return
    article_id, until, reason = wanted
    PublicInterestUnlock.objects.create(
        banner=banner,
        article_id=article_id,
        story_title=banner.link_page.title,
        unlocked_by=by,
        unlocked_by_name=by.get_full_name() or by.get_username(),
        reason=reason,
        starts_at=now,
        until=until,
    )


def showing_now(now: datetime):
    """The banner showing at ``now``, from the rows (not the kept copy): a save changed them."""
    from masthead.breaking.models import BreakingBanner

    return showing_banner((b.state() for b in BreakingBanner.objects.filter(live=True)), now)


def end_finished_unlocks(showing, now: datetime) -> int:
    """Record the end of every open unlock that no longer opens its story; how many."""
    from masthead.breaking.models import PublicInterestUnlock

    ended = 0
    for unlock in PublicInterestUnlock.objects.filter(ended_at__isnull=True):
        end = unlock_ended_at(unlock.state(), showing, now)
        if end is not None:
            unlock.ended_at = end
            unlock.save(update_fields=["ended_at"])
            ended += 1
    return ended
