"""Stale while revalidate: readers never wait for a page the newsroom's change touched.

When a story is published, the fronts listing it and the stories whose
similar lists now show it go out of date at once (their tags move). Their
next readers would each wait for a render. Instead, for a few seconds
(``MASTHEAD_EDGE["stale_seconds"]``), the copy kept before the change is sent
while one render, claimed in the page store as any render is, runs off the
reader's path: in a thread of the same process, from a queue, so no reader
of that process waits for it either.

What may be sent stale (:func:`may_send_stale`):

- only a copy of the variant this reader's access decided on now: the
  paywall answers per request, so full text never stands in for a teaser,
  nor a teaser for full text;
- only after changes made with ``stale_ok`` (``masthead.core.versions``):
  a correction, an unpublish, an edit of the page itself, new rules or page
  privacy change the at-once companions of the tags, and then nothing kept
  before is sent stale;
- only for ``stale_seconds`` after its tags last changed; after that it is
  rendered in the reader's request, as without this.

A page rendered again is rendered as its reader's request would have been
(the same headers and cookies, the access already decided), through the
whole middleware stack, and kept as any render is; it is not counted as a
page sent (its reader was counted with the copy they got).
"""

from __future__ import annotations

import io
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections

from masthead.core.versions import Stamp, at_once_tags, page_versions
from masthead.edge.store import Kept

log = logging.getLogger(__name__)


def may_send_stale(
    kept: Kept, at_once_now: Stamp | None, changed_at: float, now: float, seconds: float
) -> bool:
    """Whether an out-of-date ``kept`` copy may be sent while it is rendered again.

    ``at_once_now``: the at-once companions' versions now; ``changed_at``: when the
    page's tags last changed (epoch seconds).
    """
    return (
        seconds > 0
        and kept.at_once is not None
        and at_once_now is not None
        and kept.at_once == at_once_now
        and now - changed_at <= seconds
    )


def stale_allowed(kept: Kept, tags: Iterable[str]) -> bool:
    """:func:`may_send_stale` for ``kept``, with the versions as they stand now."""
    seconds = settings.MASTHEAD_EDGE.get("stale_seconds", 0)
    if seconds <= 0 or kept.at_once is None:
        return False
    tags = tuple(tags)
    versions = page_versions()
    return may_send_stale(
        kept,
        versions.stamp(at_once_tags(tags)),
        versions.changed_at(tags),
        time.time(),
        seconds,
    )


class Revalidator:
    """Renders queued pages in one thread per process; a full queue refuses more."""

    def __init__(self, size: int = 256):
        self.jobs: queue.Queue[Callable[[], None]] = queue.Queue(maxsize=size)
        self._pid: int | None = None
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], None]) -> bool:
        if self._pid != os.getpid():
            self._start()
        try:
            self.jobs.put_nowait(job)
        except queue.Full:
            return False
        return True

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self.jobs = queue.Queue(maxsize=self.jobs.maxsize)  # a fork's copy is not ours
            threading.Thread(target=self._run, name="revalidate", daemon=True).start()

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            run_job(job)


def run_job(job: Callable[[], None]) -> None:
    close_old_connections()
    try:
        job()
    except Exception:
        log.exception("A kept page could not be rendered again; its next reader will")
    finally:
        close_old_connections()


@cache
def revalidator() -> Revalidator:
    return Revalidator()


@cache
def _handler():
    """The middleware stack and views, loaded once per process for renders off the path."""
    from django.core.handlers.base import BaseHandler

    handler = BaseHandler()
    handler.load_middleware()
    return handler


def render_again_later(request, access, key: str, variant: str) -> bool:
    """Queue a render of ``variant`` at ``key`` as ``request`` would have made it.

    The caller holds the render's claim in the page store; the render releases it.
    False when it could not be queued (the caller releases the claim).
    """
    environ = {
        name: value for name, value in request.META.items() if not name.startswith("CSRF_")
    }
    environ["wsgi.input"] = io.BytesIO(b"")
    environ["CONTENT_LENGTH"] = "0"

    def job() -> None:
        again = WSGIRequest(environ)
        again.masthead_again = True
        again.masthead_filling = (key, variant)  # released once kept (middleware.py)
        if access is not None:
            again.masthead_access = access  # metered once, on the reader's request
        # Kept on its way out (SharedPageMiddleware). Not closed: closing says the request
        # finished, which would close the reader's database connection in "inline" mode;
        # the thread closes its own connections after each job (run_job).
        _handler().get_response(again)

    if settings.MASTHEAD_EDGE.get("revalidate", "thread") == "inline":
        # Tests: the stale copy is made first, then the render, in the same request.
        request.masthead_after = job
        return True
    return revalidator().submit(job)
