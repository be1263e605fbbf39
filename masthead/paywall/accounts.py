"""Who is logged in and what they are, without a query when nothing has changed.

A logged-in reader's kind (newsroom, subscriber, verified, unverified) is
worked out once from the database and kept in this process, stamped with the
versions of two tags (``versions.py``): ``account:<id>``, bumped when the
account, its groups, its email addresses or its subscriptions change (a
Stripe webhook included), and ``accounts``, bumped when a group's
permissions change. A kept kind is used only while both stamps are current,
while the session's authentication hash still matches (a password change
logs other sessions out, as Django does) and until the time it could lapse
on its own (a past-due subscription's grace). Otherwise the account is
loaded as Django does, and the kind worked out again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from masthead.core.versions import page_versions
from masthead.paywall.extensions import memberships, own_subscriptions
from masthead.paywall.policy import ReaderKind, Via, reader_kind

NEWSROOM_PERMISSION = "wagtailadmin.access_admin"
KEPT_ACCOUNTS = 50_000
LONGEST = timedelta(hours=6)


@dataclass(frozen=True)
class Account:
    user_id: int
    kind: ReaderKind
    via: Via | None = None  # for a subscriber: why
    institution_id: int | None = None  # the institution whose domain their address is at


@dataclass(frozen=True)
class _Kept:
    account: Account
    session_hash: str
    stamp: tuple
    until: object  # a datetime


_kept: OrderedDict[int, _Kept] = OrderedDict()
_lock = threading.Lock()


def account_tags(user_id: int) -> tuple[str, str]:
    return ("accounts", f"account:{user_id}")


def is_newsroom(user) -> bool:
    """Anyone who can open the newsroom is staff for the paywall, ``is_staff`` or not."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.is_superuser or user.has_perm(NEWSROOM_PERMISSION)


def kind_of(user, now=None) -> tuple[ReaderKind, object]:
    """The account's kind, and until when that answer holds without a change."""
    account, until = account_of(user, now)
    return account.kind, until


def own_kind(user, now) -> tuple[ReaderKind, object]:
    """What the account's own subscriptions and addresses make it, and until when.

    Whether a subscription grants access is the subscriptions' to say
    (``extensions.own_subscriptions``).
    """
    from allauth.account.models import EmailAddress

    until = now + LONGEST
    if is_newsroom(user):
        return ReaderKind.STAFF, until
    held = [standing for check in own_subscriptions if (standing := check(user, now))]
    if any(standing.subscriber for standing in held):
        return ReaderKind.SUBSCRIBER, _earliest(until, held)
    if EmailAddress.objects.filter(user=user, verified=True).exists():
        return ReaderKind.REGISTERED, until
    return ReaderKind.ANONYMOUS, until  # unverified accounts keep the anonymous allowance


def _earliest(until, standings) -> object:
    return min([until, *(s.until for s in standings if s.until is not None)])


def account_of(user, now=None) -> tuple[Account, object]:
    """The account as the paywall sees it: its own kind, then a seat or an institution's domain.

    Seats and institutions are the features' to say (``extensions.memberships``);
    a change to either must bump the tags of ``account_tags`` (the account's own,
    or ``accounts`` for everyone) so that kept answers end.
    """
    now = now or timezone.now()
    own, until = own_kind(user, now)
    held = []
    if own is ReaderKind.REGISTERED:
        held = [standing for check in memberships if (standing := check(user.pk, now))]
    seat = any(standing.seat for standing in held)
    if seat:  # a past-due group's grace ends with no change saved: no bump to end the answer
        until = _earliest(until, [standing for standing in held if standing.seat])
    institution = None
    if not seat:
        institution = next((s.institution_id for s in held if s.institution_id is not None), None)
    kind, via = reader_kind(own, seat=seat, institution_email=institution is not None)
    account = Account(user_id=user.pk, kind=kind, via=via, institution_id=institution)
    return account, until


def account_for(request: HttpRequest) -> Account | None:
    """The logged-in reader of this request, or None.

    A kept page for a logged-in reader asks once: the shared page cache leaves
    its answer on the request (``masthead_account``) while it answers from the cache.
    """
    known = getattr(request, "masthead_account", None)
    if known is not None:
        return known
    session = getattr(request, "session", None)
    user_id = session.get(SESSION_KEY) if session is not None else None
    if user_id is None:
        return None
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    stamp = page_versions().stamp(account_tags(user_id))
    kept = _kept.get(user_id)
    if (
        kept is not None
        and stamp is not None
        and kept.stamp == stamp
        and timezone.now() < kept.until
        and constant_time_compare(kept.session_hash, session.get(HASH_SESSION_KEY, ""))
    ):
        return kept.account
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.pk != user_id:
        return None
    account, until = account_of(user)
    if stamp is not None:
        with _lock:
            _kept[user_id] = _Kept(account, user.get_session_auth_hash(), stamp, until)
            _kept.move_to_end(user_id)
            while len(_kept) > KEPT_ACCOUNTS:
                _kept.popitem(last=False)
    return account


def forget_kept_accounts() -> None:
    with _lock:
        _kept.clear()
