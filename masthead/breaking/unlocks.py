"""Recording public-interest unlocks: one row per unlock, with who, why and until when.

An editor's save of a banner starts an unlock when the banner asks for one
and none with the same terms is open; any open unlock whose terms the banner
no longer asks for (switched off, unticked, another story, another expiry,
another reason) is ended at that moment. Rows are never edited otherwise.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

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
    wanted = banner_terms(banner, now) if banner.pk else None
    still_open = False
    for unlock in PublicInterestUnlock.objects.filter(banner=banner, ended_at__isnull=True):
        if wanted is not None and (unlock.article_id, unlock.until, unlock.reason) == wanted:
            still_open = True
            continue
        unlock.ended_at = now
        unlock.save(update_fields=["ended_at"])
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
