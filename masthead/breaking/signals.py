"""Every change to a banner or an unlock bumps ``breaking``: banner and unlocks are read again.

No kept page depends on it: the banner is a piece filled as each page is sent,
and an unlock is part of each request's access decision, which picks the
variant of the page a reader gets.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete

from masthead.core.versions import bump_now_and_on_commit


def changed(**kwargs) -> None:
    bump_now_and_on_commit("breaking")


def banner_saved(instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from masthead.breaking.unlocks import sync_unlocks

    sync_unlocks(instance)  # ends what the banner no longer asks for


def banner_deleted(instance, **kwargs) -> None:
    from django.utils import timezone

    instance.unlocks.filter(ended_at__isnull=True).update(ended_at=timezone.now())


def connect() -> None:
    from masthead.breaking.models import BreakingBanner, PublicInterestUnlock

    for model in (BreakingBanner, PublicInterestUnlock):
        for signal in (post_save, post_delete):
            signal.connect(changed, sender=model, dispatch_uid=f"breaking-{model._meta.label}")
    post_save.connect(banner_saved, sender=BreakingBanner, dispatch_uid="breaking-unlocks")
    pre_delete.connect(banner_deleted, sender=BreakingBanner, dispatch_uid="breaking-delete")
