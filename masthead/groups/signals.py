"""A seat or its group's subscription changed: the members' kept account kinds end.

The paywall keeps each account's kind until its ``account:<id>`` tag is
bumped (``masthead/paywall/accounts.py``). A subscription's own change bumps
its buyer's tag only; here the members' are bumped too, now and again once
committed, so a removed seat or a lapsed group is metered on the next request.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save


def _bump_accounts(user_ids) -> None:
    from masthead.core.versions import bump_now_and_on_commit

    tags = sorted({f"account:{user_id}" for user_id in user_ids if user_id is not None})
    if tags:
        bump_now_and_on_commit(*tags)


def seat_before_save(instance, **kwargs) -> None:
    """Remember the account the seat was bound to, should a save move it elsewhere."""
    from masthead.groups.models import Seat

    instance._member_before = None
    if instance.pk is not None:
        instance._member_before = (
            Seat.objects.filter(pk=instance.pk).values_list("member_id", flat=True).first()
        )


def seat_changed(instance, **kwargs) -> None:
    _bump_accounts([instance.member_id, getattr(instance, "_member_before", None)])


def subscription_changed(instance, **kwargs) -> None:
    from masthead.groups.models import Group
    from masthead.groups.seats import member_ids

    group = Group.objects.filter(subscription_id=instance.pk).values_list("pk", flat=True)
    for group_id in group:
        _bump_accounts(member_ids(group_id))


def connect() -> None:
    from masthead.groups.models import Seat
    from masthead.subscriptions.models import Subscription

    pre_save.connect(seat_before_save, sender=Seat, dispatch_uid="groups-seat-before")
    post_save.connect(seat_changed, sender=Seat, dispatch_uid="groups-seat-saved")
    post_delete.connect(seat_changed, sender=Seat, dispatch_uid="groups-seat-deleted")
    post_save.connect(subscription_changed, sender=Subscription, dispatch_uid="groups-sub-saved")
