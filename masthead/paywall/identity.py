"""Who is reading: the adapter from a request to a plain :class:`Reader`.

Everything that depends on the request is read here and nowhere else: the
browser's cookie, the account, a search engine verified by DNS, the client
address behind our own proxies. What comes out is plain values, which the
access service (``masthead.paywall.access``) decides on without the request.

Anonymous readers are known by a random id in one first-party cookie, signed
with a salt of its own. The count lives on the server under that id, so a
reader who edits the cookie gets a fresh id (a bad signature is a new
reader), one who drops it is a new reader, and one who replays an old cookie
is the same reader as before: never better off than a brand-new one.
Logged-in readers are metered by account, and the browser keeps its cookie
too: one browser, one allowance, whether or not its reader is logged in.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from masthead.core.client_ip import client_ip
from masthead.paywall.accounts import account_for, kind_of
from masthead.paywall.cookie_signer import cookie_signer
from masthead.paywall.crawlers import is_verified_crawler, user_agent_of
from masthead.paywall.extensions import institution_network
from masthead.paywall.policy import ReaderKind, Via, reader_kind

READER_COOKIE = "mh_reader"
READER_COOKIE_SALT = "masthead.paywall.reader-cookie"
READER_COOKIE_MAX_AGE = 400 * 24 * 3600
_READER_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Reader:
    kind: ReaderKind
    meter_key: str
    anonymous_id: str | None  # the browser cookie's id, when it has one
    new_anonymous_id: str | None = None  # a new id for the browser, set once a read counts
    account: bool = False  # logged in
    via: Via | None = None  # for a subscriber: why (own subscription, seat, institution)
    institution_id: int | None = None  # the institution they read through, for its reports

    @property
    def browser_key(self) -> str | None:
        """The browser's own meter: anonymous reads, and a logged-in reader's reads mirrored."""
        browser_id = self.anonymous_id or self.new_anonymous_id
        return f"anon:{browser_id}" if browser_id else None


def anonymous_id_from(request: HttpRequest) -> str | None:
    signed = request.COOKIES.get(READER_COOKIE)
    if signed is None:
        return None
    try:
        value = cookie_signer(READER_COOKIE, READER_COOKIE_SALT).unsign(signed)
    except signing.BadSignature:  # Django's own look also tries the older salt
        value = request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_COOKIE_SALT)
    if value and _READER_ID.match(value):
        return value
    return None


def account_kind(user) -> ReaderKind:
    """The kind of a logged-in account (for callers that have the user, not a request)."""
    return kind_of(user)[0]


def identify(request: HttpRequest) -> Reader:
    anonymous_id = anonymous_id_from(request)
    new_id = None if anonymous_id else secrets.token_urlsafe(18)
    account = account_for(request)
    address = client_ip(request)  # through the trusted proxies only
    if account is not None:
        kind, via, institution = account.kind, account.via, account.institution_id
        if kind in (ReaderKind.ANONYMOUS, ReaderKind.REGISTERED):
            network = institution_network(address)
            kind, via = reader_kind(kind, institution_network=network is not None)
            institution = network if network is not None else institution
        return Reader(
            kind=kind,
            meter_key=f"user:{account.user_id}",
            anonymous_id=anonymous_id,
            new_anonymous_id=new_id,
            account=True,
            via=via,
            institution_id=institution,
        )
    if is_verified_crawler(address, user_agent_of(request)):
        return Reader(kind=ReaderKind.CRAWLER, meter_key="crawler", anonymous_id=None)
    browser_id = anonymous_id or new_id
    network = institution_network(address)
    kind, via = reader_kind(ReaderKind.ANONYMOUS, institution_network=network is not None)
    return Reader(
        kind=kind,
        meter_key=f"anon:{browser_id}",
        anonymous_id=anonymous_id,
        new_anonymous_id=new_id,
        via=via,
        institution_id=network,
    )


def set_reader_cookie(response: HttpResponse, reader_id: str) -> None:
    response.set_cookie(
        READER_COOKIE,
        cookie_signer(READER_COOKIE, READER_COOKIE_SALT).sign(reader_id),
        max_age=READER_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
