"""What the access service adds to the floors it stands on, in one place.

- Two pieces of a shared page: the reader's own count in the meter notice
  ("You have read N of …"), and the new browser's meter cookie, set once a
  read counts; both the reader's own, so such a page is never shared downstream.
- The wall's subscription offer, filled per reader so a test of its words
  serves every variant from one kept page (``offer_copy``).
- The tags its kept answers hang on: the metering rules (``rules``), and
  each account's kind (``account:<id>``, ``accounts`` for everyone), bumped
  by the account, its addresses, its groups and their permissions.
"""

from __future__ import annotations

from masthead.core.pieces import Piece, pieces
from masthead.core.versions import bump_now_and_on_commit, bump_on_change
from masthead.paywall.policy import Outcome

METER_USED = Piece("meter-used", per_reader=True, shown=lambda view: view.meter_notice)
READER_COOKIE = Piece(
    "reader-cookie", per_reader=True, shown=lambda view: view.outcome is Outcome.FULL_AND_COUNT
)


def meter_count(present: frozenset[str], access) -> dict[str, str]:
    if METER_USED.name in present and access is not None and access.notice_count is not None:
        return {METER_USED.name: str(access.notice_count)}
    return {}


def account_tag(instance) -> tuple[str, ...]:
    from django.contrib.auth import get_user_model

    user_id = instance.pk if isinstance(instance, get_user_model()) else instance.user_id
    return (f"account:{user_id}",) if user_id is not None else ()


def memberships_changed(instance, model, pk_set=None, reverse=False, **kwargs) -> None:
    from django.contrib.auth import get_user_model

    if isinstance(instance, get_user_model()):
        bump_now_and_on_commit(f"account:{instance.pk}")
    else:  # a group's members or permissions: every kept account kind
        bump_now_and_on_commit("accounts")


def register() -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed

    from masthead.paywall.models import MeterSettings
    from masthead.paywall.offer_copy import WALL_OFFER, offer_values

    pieces.register(METER_USED)
    pieces.register(READER_COOKIE)
    pieces.register(WALL_OFFER)
    pieces.fills(meter_count)
    pieces.fills(offer_values)
    bump_on_change(MeterSettings, ("rules",), uid="paywall-rules")
    user = get_user_model()
    for model in (user, EmailAddress):
        bump_on_change(model, account_tag, uid="paywall-account")
    bump_on_change(Group, ("accounts",), uid="paywall-groups", skip=lambda i, created, f: created)
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(memberships_changed, sender=through, dispatch_uid=f"paywall-{through}")
