"""Gift links change here: made, read, revoked, and their readers' accounts noted.

``gift_for_read`` is what the paywall's request adapter asks: is this token
good for this reader of this article now? A reader already counted keeps
their place; a new reader takes one of the places left in a single
conditional update, so that however many readers arrive at once, no more
than the link's cap ever read through it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F

from masthead.gifts.links import gift_id_from
from masthead.gifts.models import GiftLink, GiftRead
from masthead.gifts.selectors import links_made
from masthead.gifts.verdict import GiftRules, Verdict, gives, links_left, verdict
from masthead.paywall.accounts import account_of
from masthead.paywall.periods import period_of


class GiftRefused(Exception):
    """A link could not be made; the message says why, for the giver."""


def _user_id(reader_key: str) -> int | None:
    kind, _, value = reader_key.partition(":")
    return int(value) if kind == "user" and value.isdigit() else None


@transaction.atomic
def gift_create(*, giver, article, rules: GiftRules, now: datetime) -> GiftLink:
    """A new link from ``giver`` for ``article``, counted against this month's allowance."""
    if not rules.enabled:
        raise GiftRefused("Gift links are not available at the moment.")
    # One giver's links are made one at a time, so that two clicks cannot pass the allowance.
    get_user_model().objects.select_for_update().filter(pk=giver.pk).first()
    period = period_of(now)
    if links_left(rules, links_made(giver.pk, period)) <= 0:
        raise GiftRefused(
            f"You have made your {rules.links_a_month} gift links this month. "
            "You can make more next month."
        )
    return GiftLink.objects.create(
        giver=giver,
        article=article,
        period=period,
        expires_at=now + timedelta(days=rules.days),
        reader_cap=rules.readers,
    )


def gift_revoke(*, giver_id: int, gift_id: int, now: datetime) -> bool:
    """Withdraw one of the giver's links at once; False when it is not theirs."""
    mine = GiftLink.objects.filter(pk=gift_id, giver_id=giver_id)
    if not mine.exists():
        return False
    mine.filter(revoked_at__isnull=True).update(revoked_at=now)
    return True


def giver_gives(giver_id: int, now: datetime) -> bool:
    """Whether the giver still subscribes or holds a seat now, as the paywall sees them."""
    giver = get_user_model().objects.filter(pk=giver_id, is_active=True).first()
    if giver is None:
        return False
    account, _ = account_of(giver, now)
    return gives(account.kind, account.via)


class _Full(Exception):
    pass


def gift_for_read(
    *,
    token: str,
    reader_keys: tuple[str, ...],
    article_id: int,
    rules: GiftRules,
    now: datetime,
) -> Verdict:
    """Whether ``token`` opens ``article_id`` for this reader now, taking a place if need be.

    ``reader_keys``: the reader's meter key first, then the browser's own key
    (one reader, whether logged in or not). Call only for a read that would
    otherwise be metered, so that a place is never spent on a subscriber.
    """
    signed_id = gift_id_from(token)
    gift = GiftLink.objects.filter(pk=signed_id).first() if signed_id else None
    keys = tuple(key for key in reader_keys if key)
    account_id = _user_id(keys[0]) if keys else None
    already = False
    if gift is not None and keys:
        already = gift.reads.filter(reader_key__in=keys).exists() or (
            account_id is not None and gift.reads.filter(account_id=account_id).exists()
        )
    answer = verdict(
        signed_id=signed_id,
        gift=gift.facts() if gift else None,
        article_id=article_id,
        now=now,
        enabled=rules.enabled,
        already_reader=already,
        giver_gives=gift is None or giver_gives(gift.giver_id, now),
    )
    if not answer.good or already:
        return answer
    if not keys:
        return Verdict.FULL
    try:
        with transaction.atomic():
            GiftRead.objects.create(gift=gift, reader_key=keys[0], account_id=account_id)
            taken = GiftLink.objects.filter(pk=gift.pk, reader_count__lt=F("reader_cap")).update(
                reader_count=F("reader_count") + 1
            )
            if not taken:
                raise _Full
    except IntegrityError:
        return Verdict.GOOD  # the same reader, arriving twice at once
    except _Full:
        return Verdict.FULL
    return Verdict.GOOD


def gift_reads_attribute(*, browser_key: str, user_id: int) -> int:
    """Note the account of a reader who read gifts anonymously in this browser, then logged in."""
    return GiftRead.objects.filter(reader_key=browser_key, account__isnull=True).update(
        account_id=user_id
    )
