"""Counting every page sent, on the reader's path, for the price of two dict updates.

The delivery layer tells :func:`count_page` of each page it sends, from the
shared cache or rendered (``edge.extensions.page_sent``). A count is a key in
this process's buffer, ``(minute, page, reader kind, outcome, source,
detail, device)``, written every ``flush_seconds`` (30) by a background thread
into the hour's, the day's story and source, and the minute's rows
(``writing.py``): a worker killed loses at most that much. The reader's day
mark (a digest salted for today only: see ``models.ReaderDay``) is buffered
apart and written every ``marks_seconds`` (2), so a conversion a moment later,
on another worker, still finds the story read last.

Counted: GET requests for pages by readers. Not counted: the newsroom (staff),
previews, and anything that says or proves it is a robot; verified and
self-declared crawlers are counted apart, never as readers.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
import time
from datetime import UTC, date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils import timezone

from masthead.analytics.devices import device_of
from masthead.analytics.sources import source_of
from masthead.core.tally import Tally, options
from masthead.edge.delivery import PageKind
from masthead.paywall.accounts import account_for
from masthead.paywall.cookie_signer import cookie_signer
from masthead.paywall.identity import READER_COOKIE, READER_COOKIE_SALT
from masthead.paywall.policy import Outcome, ReaderKind, Via

log = logging.getLogger(__name__)

WALLS = frozenset({"teaser", "wall"})
INSTITUTION = frozenset({Via.INSTITUTION_NETWORK, Via.INSTITUTION_EMAIL})
OUTCOME_NAMES = {
    Outcome.FULL: "full",
    Outcome.FULL_AND_COUNT: "full",
    Outcome.FULL_UNLOCKED: "unlock",
    Outcome.FULL_GIFT: "gift",
    Outcome.TEASER_REGISTER: "teaser",  # stopped at the free registration wall
    Outcome.TEASER_SUBSCRIBE: "wall",  # stopped at the subscription offer
}
READER_KINDS = {
    ReaderKind.ANONYMOUS: "anonymous",
    ReaderKind.REGISTERED: "registered",
    ReaderKind.SUBSCRIBER: "subscriber",
}


def analytics_options() -> dict:
    return settings.MASTHEAD_ANALYTICS


def outcome_of(access) -> str:
    if access is None:
        return "page"
    name = OUTCOME_NAMES[access.outcome]
    if name == "full" and access.reader.via in INSTITUTION:
        return "institution"
    return name


# ---- the reader's day: a digest that cannot outlive the day ----------------------------------


@lru_cache(maxsize=4)
def day_salt(day: date) -> bytes:
    """Today's salt, from the site's secret: a digest of today cannot be matched to yesterday's."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"masthead.analytics.reader-day:{day}".encode(), "sha256"
    ).digest()


def reader_digest(identity: str, day: date) -> str:
    return hashlib.blake2b(identity.encode(), key=day_salt(day), digest_size=8).hexdigest()


@lru_cache(maxsize=65536)
def _browser_id(signed: str) -> str | None:
    try:
        return cookie_signer(READER_COOKIE, READER_COOKIE_SALT).unsign(signed)
    except signing.BadSignature:
        return None


def identity_of(request, access, reader) -> str | None:
    """The meter's own identity for this reader: their account, or their browser's cookie."""
    if access is not None:
        known = access.reader
        if known.account:
            return known.meter_key
        browser = known.anonymous_id or known.new_anonymous_id
        return f"anon:{browser}" if browser else None
    if reader.logged_in:
        account = account_for(request)
        return f"user:{account.user_id}" if account is not None else None
    signed = request.COOKIES.get(READER_COOKIE)
    browser = _browser_id(signed) if signed else None
    return f"anon:{browser}" if browser else None


def browser_identity(request) -> str | None:
    """The browser's meter identity alone (for a registration: the reading done before it)."""
    signed = request.COOKIES.get(READER_COOKIE)
    browser = _browser_id(signed) if signed else None
    return f"anon:{browser}" if browser else None


class Marks:
    """Each reader's day as this process saw it last, written every ``marks_seconds``."""

    def __init__(self, write):
        self.write = write
        self._lock = threading.Lock()
        self._pending: dict[tuple[date, str], list] = {}
        self._flusher_pid: int | None = None

    def note(self, day: date, digest: str, story: int | None, source: str, detail: str, walled):
        with self._lock:
            known = self._pending.get((day, digest))
            if known is None:
                self._pending[(day, digest)] = [story, source, detail, walled]
            else:
                if story is not None:
                    known[0] = story
                if source:
                    known[1], known[2] = source, detail
                known[3] = known[3] or walled
        if options()["background"] and self._flusher_pid != os.getpid():
            self._start()

    def pending(self) -> dict:
        with self._lock:
            return {key: tuple(value) for key, value in self._pending.items()}

    def forget(self) -> None:
        with self._lock:
            self._pending.clear()

    def flush(self) -> int:
        with self._lock:
            batch, self._pending = self._pending, {}
        if not batch:
            return 0
        try:
            return self.write(dict(sorted(batch.items())))
        except Exception:
            with self._lock:  # kept for the next flush, newer notes winning
                for key, value in batch.items():
                    self._pending.setdefault(key, value)
            raise

    def _start(self) -> None:
        with self._lock:
            if self._flusher_pid == os.getpid():
                return
            self._flusher_pid = os.getpid()
        threading.Thread(target=self._forever, name="reader-days", daemon=True).start()

    def _forever(self) -> None:
        from django.db import close_old_connections

        while True:
            time.sleep(analytics_options()["marks_seconds"])
            try:
                self.flush()
            except Exception:
                log.exception("reader days not written yet")
            finally:
                close_old_connections()


def _write_views(batch):
    from masthead.analytics.writing import write_views

    return write_views(batch)


def _write_marks(batch):
    from masthead.analytics.writing import write_marks

    return write_marks(batch)


def _after_views():
    from masthead.analytics.writing import housekeeping

    housekeeping()


# Rows per write grow with the distinct keys, not the counts: a large buffer writes seldom.
views = Tally(
    "page views",
    write=lambda batch: _write_views(batch),
    after_flush=_after_views,
    flush_at=100_000,
)
marks = Marks(write=lambda batch: _write_marks(batch))


def _write_strangers(batch):
    from masthead.analytics.writing import write_strangers

    return write_strangers(batch)


# Readers with no cookie, each a reader of one page: a count per day, with no mark to write.
strangers = Tally("readers without a cookie", write=lambda batch: _write_strangers(batch))


# ---- the count itself -------------------------------------------------------------------------

_days: dict[int, date] = {}


def local_day(minute: int) -> date:
    """The paper's day for a minute since the epoch; asked once per minute per process."""
    day = _days.get(minute)
    if day is None:
        if len(_days) > 1440:
            _days.clear()
        moment = datetime.fromtimestamp(minute * 60, tz=UTC)
        day = _days[minute] = timezone.localdate(moment)
    return day


@lru_cache(maxsize=4)
def _host_of(address: str) -> str:
    return urlsplit(address).hostname or ""


def _own_host() -> str:
    """The paper's own host (its configured address): links from there are internal."""
    return _host_of(settings.WAGTAILADMIN_BASE_URL)


def count_page(request, page, access, reader) -> None:
    """One page sent: registered with ``edge.extensions.page_sent``."""
    if (
        request.method != "GET"
        or page.preview
        or page.page_id is None
        or reader.kind is ReaderKind.STAFF
        or not analytics_options()["counting"]
    ):
        return
    minute = int(time.time()) // 60
    outcome = outcome_of(access)
    device = device_of(request.META.get("HTTP_USER_AGENT", ""))
    kind = READER_KINDS.get(reader.kind)
    if kind is None or device is None:  # a crawler, proven or self-declared
        views.add((minute, page.page_id, "crawler", outcome, "direct", "", "desktop"))
        return
    meta = request.META
    source, detail = source_of(
        meta.get("QUERY_STRING", ""), meta.get("HTTP_REFERER", ""), _own_host()
    )
    if source == "other" and detail == _host_of(f"//{meta.get('HTTP_HOST', '')}"):
        source, detail = "internal", ""  # the paper under another of its names
    views.add((minute, page.page_id, kind, outcome, source, detail, device))
    identity = identity_of(request, access, reader)
    day = local_day(minute)
    if identity is None:  # a browser with no cookie: a reader of one page, counted, not marked
        strangers.add(day)
        return
    story = page.page_id if page.kind is PageKind.ARTICLE else None
    visit_source = "" if source == "internal" else source
    marks.note(day, reader_digest(identity, day), story, visit_source, detail, outcome in WALLS)


def flush() -> None:
    """Write everything waiting in this process (tests; a conversion; a worker's exit)."""
    marks.flush()
    views.flush()
    strangers.flush()


def forget() -> None:
    """For tests: counts made by an earlier test belong to a database that is gone."""
    marks.forget()
    views.forget()
    strangers.forget()
