"""Metered access for one request: the adapter between HTTP and the access service.

``identify`` says who the reader is; ``decide_access`` decides on plain
values. Only here does the request matter: its method (only GET counts),
whether it is the newsroom's preview, and the session that remembers the
carry-over of a browser's anonymous reads into the account.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest

from masthead.paywall.access import Access, decide_access
from masthead.paywall.extensions import article_read, holds_gift, is_unlocked
from masthead.paywall.identity import Reader, identify
from masthead.paywall.meter import MeterUnavailable, meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.policy import ArticleFacts, MeterRules, ReaderKind
from masthead.paywall.selectors import current_rules

log = logging.getLogger(__name__)

COUNTING_METHODS = frozenset({"GET"})
# Readers, not the newsroom nor search engines: whose reads rank "Most read" and the like.
READERS = frozenset({ReaderKind.ANONYMOUS, ReaderKind.REGISTERED, ReaderKind.SUBSCRIBER})

__all__ = ["Access", "access_for", "article_access", "article_facts", "is_preview"]


def article_facts(article) -> ArticleFacts:
    section = article.section
    return ArticleFacts(
        article_id=article.pk,
        free_to_read=article.free_to_read,
        in_free_section=bool(section and section.free_to_read),
    )


def is_preview(request: HttpRequest) -> bool:
    """Wagtail's previews and draft views: made-up requests that never count and are never kept."""
    return bool(getattr(request, "is_preview", False) or getattr(request, "is_dummy", False))


def carry_over_anonymous_reads(request: HttpRequest, reader: Reader, period: str) -> None:
    """Once per session and month, add the browser's anonymous reads to the account's."""
    if not (reader.account and reader.anonymous_id) or not hasattr(request, "session"):
        return
    marker = f"{period}:{reader.anonymous_id}"
    if request.session.get("meter_carried") == marker:
        return
    try:
        meter_store().carry_over(
            from_key=f"anon:{reader.anonymous_id}", to_key=reader.meter_key, period=period
        )
    except MeterUnavailable as error:
        log.warning("Meter store unavailable, anonymous reads not carried over yet: %s", error)
        return
    from masthead.paywall.models import WallStop

    # A reader stopped by the wall who then registered is the same reader.
    WallStop.objects.filter(reader_key=f"anon:{reader.anonymous_id}", period=period).update(
        reader_key=reader.meter_key
    )
    request.session["meter_carried"] = marker


def article_access(request: HttpRequest, article) -> Access:
    """The paywall's answer for this request. Only GET counts; other methods see the teaser."""
    return access_for(request, facts=article_facts(article), rules=current_rules())


def access_for(request: HttpRequest, *, facts: ArticleFacts, rules: MeterRules) -> Access:
    """``article_access`` for an article known by its facts (the shared page cache keeps them)."""
    reader = identify(request)
    period = current_period()
    preview = is_preview(request)
    if not preview:
        carry_over_anonymous_reads(request, reader, period)
    counts = request.method in COUNTING_METHODS and not preview
    unlocked = is_unlocked(facts.article_id)
    access = decide_access(
        reader=reader,
        facts=facts,
        rules=rules,
        counts=counts,
        period=period,
        unlocked=unlocked,
        # A gift link in the address: good only for a GET of its own article.
        gift=counts and not unlocked and holds_gift(request, reader, facts),
    )
    if counts and access.outcome.is_full:
        article_read.send(sender=Access, access=access)  # Most read, institutions' reads …
    return access
