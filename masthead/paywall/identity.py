"""Who is reading: the reader's kind and the key their meter is kept under.

Anonymous readers are known by a random id in one first-party cookie, signed
with a salt of its own. The count lives on the server under that id, so a
reader who edits the cookie gets a fresh id (a bad signature is a new
reader), one who drops it is a new reader, and one who replays an old cookie
is the same reader as before: never better off than a brand-new one.
Logged-in readers are metered by account.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from masthead.core.client_ip import client_ip
from masthead.paywall.crawlers import is_verified_crawler
from masthead.paywall.policy import ReaderKind
from masthead.subscriptions.models import is_subscriber

READER_COOKIE = "mh_reader"
READER_COOKIE_SALT = "masthead.paywall.reader-cookie"
READER_COOKIE_MAX_AGE = 400 * 24 * 3600
_READER_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Reader:
    kind: ReaderKind
    meter_key: str
    anonymous_id: str | None  # the cookie's id, when the browser has one
    new_anonymous_id: str | None = None  # to be set as the cookie, if this request counts

    @property
    def user_key(self) -> bool:
        return self.meter_key.startswith("user:")


def anonymous_id_from(request: HttpRequest) -> str | None:
    value = request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_COOKIE_SALT)
    if value and _READER_ID.match(value):
        return value
    return None


def _email_verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def identify(request: HttpRequest) -> Reader:
    anonymous_id = anonymous_id_from(request)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        key = f"user:{user.pk}"
        if user.is_staff:
            kind = ReaderKind.STAFF
        elif is_subscriber(user):
            kind = ReaderKind.SUBSCRIBER
        elif _email_verified(user):
            kind = ReaderKind.REGISTERED
        else:
            kind = ReaderKind.ANONYMOUS  # unverified accounts keep the anonymous allowance
        return Reader(kind=kind, meter_key=key, anonymous_id=anonymous_id)
    if is_verified_crawler(client_ip(request), request.headers.get("User-Agent", "")):
        return Reader(kind=ReaderKind.CRAWLER, meter_key="crawler", anonymous_id=None)
    if anonymous_id:
        return Reader(
            kind=ReaderKind.ANONYMOUS, meter_key=f"anon:{anonymous_id}", anonymous_id=anonymous_id
        )
    new_id = secrets.token_urlsafe(18)
    return Reader(
        kind=ReaderKind.ANONYMOUS,
        meter_key=f"anon:{new_id}",
        anonymous_id=None,
        new_anonymous_id=new_id,
    )


def set_reader_cookie(response: HttpResponse, reader_id: str) -> None:
    response.set_signed_cookie(
        READER_COOKIE,
        reader_id,
        salt=READER_COOKIE_SALT,
        max_age=READER_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
