"""Which copy of a running test's ask a reader sees, counted as it is shown.

Asked as a page is sent (the appeal banner is a piece filled per request), so
kept pages stay shared: the test never enters the page cache's key, and one
kept page serves every variant. The reader is known by their meter identity:
their account once logged in, else their browser's meter cookie. A browser
with no cookie yet is given one here (the meter's own, nothing more), so the
next page shows it the same variant.

Showing an ask costs two dict updates: the day's exposures, and the reader's
first sight of the test (``ExposedReader``, under a digest keyed for this test
alone), both written by a background thread every few seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from masthead.appeals.extensions import AskCopy
from masthead.core.kept import kept_until_changed
from masthead.core.many_rows import insert_rows
from masthead.core.tally import options
from masthead.experiments.assignment import variant_for
from masthead.experiments.models import HOLDOUT, Experiment, ExposedReader, Exposures
from masthead.paywall.accounts import account_for
from masthead.paywall.cookie_signer import cookie_signer
from masthead.paywall.crawlers import claims_to_be_crawler, user_agent_of
from masthead.paywall.identity import READER_COOKIE, READER_COOKIE_SALT
from masthead.paywall.policy import ReaderKind

log = logging.getLogger(__name__)
TAG = "experiments"
WRITE_SECONDS = 2


@dataclass(frozen=True)
class RunningTest:
    id: int
    slug: str
    shares: tuple[tuple[str, float], ...]
    copies: dict  # variant name: AskCopy


@kept_until_changed(TAG)
def running_tests() -> dict[str, RunningTest]:
    """The running test of each ask, read once per change to any test."""
    found = {}
    for test in Experiment.objects.filter(status=Experiment.Status.RUNNING).prefetch_related(
        "variants"
    ):
        shares = tuple(test.shares())
        copies = {
            variant.name: AskCopy(variant=f"{test.slug}:{variant.name}", text=variant.text,
                                  button=variant.button)
            for variant in test.variants.all()
        }  # fmt: skip
        copies[HOLDOUT] = AskCopy(variant=f"{test.slug}:{HOLDOUT}", hidden=True)
        found[test.ask] = RunningTest(test.pk, test.slug, shares, copies)
    return found


def test_digest(identity: str, slug: str) -> str:
    key = hmac.new(settings.SECRET_KEY.encode(), f"experiments:{slug}".encode(), "sha256").digest()
    return hashlib.blake2b(identity.encode(), key=key, digest_size=8).hexdigest()


def _browser(request) -> str | None:
    signed = request.COOKIES.get(READER_COOKIE)
    if not signed:
        return None
    try:
        return cookie_signer(READER_COOKIE, READER_COOKIE_SALT).unsign(signed)
    except Exception:  # noqa: BLE001 - a forged or old cookie is no identity
        return None


def identity_of(request, access) -> str:
    """The reader's meter identity; a browser without one is given a new meter cookie."""
    if access is not None:
        reader = access.reader
        if reader.account:
            return reader.meter_key
        browser = reader.anonymous_id or reader.new_anonymous_id
        if browser:
            if not reader.anonymous_id:
                request.masthead_new_reader_id = browser  # the meter sets it only on a counted read
            return f"anon:{browser}"
    elif request is not None:
        account = getattr(request, "masthead_account", None) or account_for(request)
        if account is not None:
            return f"user:{account.user_id}"
    browser = _browser(request) if request is not None else None
    if browser is None:
        browser = getattr(request, "masthead_new_reader_id", None) or secrets.token_urlsafe(18)
        if request is not None:
            request.masthead_new_reader_id = browser
    return f"anon:{browser}"


class Sightings:
    """Exposures and first sightings waiting to be written, per process."""

    def __init__(self):
        self._lock = threading.Lock()
        self.shown: Counter = Counter()  # (test id, variant, day): times shown
        self.readers: dict = {}  # (test id, digest): (variant, day, first seen)
        self._pid: int | None = None

    def note(self, test: RunningTest, variant: str, digest: str) -> None:
        now = timezone.now()
        day = timezone.localdate(now)
        with self._lock:
            self.shown[(test.id, variant, day)] += 1
            self.readers.setdefault((test.id, digest), (variant, day, now))
        if options()["background"] and self._pid != os.getpid():
            self._start()

    def forget(self) -> None:
        with self._lock:
            self.shown.clear()
            self.readers.clear()

    def flush(self) -> None:
        with self._lock:
            shown, self.shown = self.shown, Counter()
            readers, self.readers = self.readers, {}
        if shown or readers:
            write_sightings(shown, readers)

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
        threading.Thread(target=self._forever, name="test-sightings", daemon=True).start()

    def _forever(self) -> None:
        while True:
            time.sleep(WRITE_SECONDS)
            try:
                self.flush()
            except Exception:  # the thread must outlive any one failure
                log.exception("test sightings not written")
            finally:
                close_old_connections()


sightings = Sightings()


def write_sightings(shown: Counter, readers: dict) -> None:
    """New readers are those the insert itself says it added, on any server.

    Two servers meeting the same new reader within one write both hold them;
    the row goes in once, and only the insert that put it there counts them.
    """
    new: Counter = Counter()
    with transaction.atomic():
        # A test deleted since its ask was shown: what it saw goes with it.
        tests = {test_id for test_id, *_ in shown} | {test_id for test_id, _ in readers}
        kept = set(Experiment.objects.filter(pk__in=tests).values_list("pk", flat=True))
        shown = Counter({key: n for key, n in shown.items() if key[0] in kept})
        by_test: dict[int, dict] = {}
        for (test_id, digest), seen in readers.items():
            if test_id in kept:
                by_test.setdefault(test_id, {})[digest] = seen
        for test_id, seen in by_test.items():
            for digest in insert_first_sightings(test_id, seen):
                variant, _day, first = seen[digest]
                new[(test_id, variant, timezone.localdate(first))] += 1
        for key in sorted(set(shown) | set(new)):
            test_id, variant, day = key
            row, _ = Exposures.objects.select_for_update().get_or_create(
                experiment_id=test_id, variant=variant, day=day
            )
            row.shown += shown.get(key, 0)
            row.new_readers += new.get(key, 0)
            row.save(update_fields=["shown", "new_readers"])


def insert_first_sightings(test_id: int, seen: dict) -> list[str]:
    """Insert the readers not yet in the test; the digests of those this insert added.

    ``seen``: digest -> (variant, day, first seen). ``ON CONFLICT DO NOTHING
    RETURNING`` (PostgreSQL, SQLite 3.35+) names only the rows it wrote, so a
    reader another server wrote a moment earlier is not new here.
    """
    first_seen = ExposedReader._meta.get_field("first_seen")
    rows = [
        (test_id, digest, variant, first_seen.get_db_prep_value(first, connection))
        for digest, (variant, _day, first) in seen.items()
    ]
    added = insert_rows(
        ExposedReader,
        ("experiment_id", "digest", "variant", "first_seen"),
        rows,
        "ON CONFLICT (experiment_id, digest) DO NOTHING RETURNING digest",
        fetch=True,
    )
    return [digest for (digest,) in added]


NOT_READERS = frozenset({ReaderKind.STAFF, ReaderKind.CRAWLER})


def not_a_reader(request, access) -> bool:
    """The newsroom and search engines see the ask's own words and are never in a test."""
    if access is not None:
        return access.reader.kind in NOT_READERS
    if request is None or claims_to_be_crawler(user_agent_of(request)):
        return True
    account = getattr(request, "masthead_account", None) or account_for(request)
    return account is not None and account.kind in NOT_READERS


def appeal_copy(request, access) -> AskCopy | None:
    """The appeal banner's copy for this reader (``appeals.extensions.banner_copy``)."""
    test = running_tests().get(Experiment.Ask.APPEAL)
    if test is None or not_a_reader(request, access):
        return None
    identity = identity_of(request, access)
    variant = variant_for(identity, test.slug, test.shares)
    sightings.note(test, variant, test_digest(identity, test.slug))
    return test.copies.get(variant)


def appeal_tested() -> bool:
    """Whether the appeal's banner differs from reader to reader now."""
    return Experiment.Ask.APPEAL in running_tests()
