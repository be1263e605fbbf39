"""Metered access for one request: identify the reader, grant atomically, decide once."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest

from masthead.paywall.identity import Reader, identify
from masthead.paywall.meter import MeterUnavailable, meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.policy import (
    ArticleFacts,
    MeterRules,
    MeterState,
    Outcome,
    ReaderFacts,
    ReaderKind,
    decide,
    is_metered,
)
from masthead.paywall.selectors import current_rules

log = logging.getLogger(__name__)

COUNTING_METHODS = frozenset({"GET"})


@dataclass(frozen=True)
class Access:
    outcome: Outcome
    reader: Reader
    rules: MeterRules
    meter: MeterState | None
    metered: bool
    facts: ArticleFacts

    @property
    def show_meter_notice(self) -> bool:
        return self.metered and self.outcome.is_full and self.meter is not None

    @property
    def notice_count(self) -> int | None:
        """The reader's count as the meter notice shows it, or None without a notice."""
        return self.meter.used if self.show_meter_notice else None

    @property
    def new_reader_cookie(self) -> str | None:
        """The id to set in a new reader's cookie: only once a read has been counted."""
        if self.outcome is Outcome.FULL_AND_COUNT:
            return self.reader.new_anonymous_id
        return None


def article_facts(article) -> ArticleFacts:
    section = article.section
    return ArticleFacts(
        article_id=article.pk,
        free_to_read=article.free_to_read,
        in_free_section=bool(section and section.free_to_read),
    )


def meter_grant(*, reader: Reader, article_id: int, limit: int, period: str) -> MeterState:
    try:
        grant = meter_store().grant(
            reader_key=reader.meter_key, period=period, article_id=article_id, limit=limit
        )
    except MeterUnavailable as error:
        log.warning("Meter store unavailable, serving the teaser instead: %s", error)
        return MeterState(limit=limit, available=False)
    return MeterState(
        used=grant.used,
        limit=limit,
        counted_now=grant.counted_now,
        already_counted=grant.already_counted,
    )


# Wall stops this process has already recorded: a reader who keeps meeting the
# wall costs one insert a month, not one a request.
_recorded_stops: OrderedDict[tuple[str, str, str], None] = OrderedDict()
RECORDED_STOPS_KEPT = 50_000


def wall_stop_record(*, reader: Reader, period: str, outcome: Outcome) -> None:
    """Remember, once a month, that this reader was stopped (a single idempotent insert)."""
    from masthead.paywall.models import WallStop

    offer = "subscribe" if outcome is Outcome.TEASER_SUBSCRIBE else "register"
    stop = (reader.meter_key, period, offer)
    if stop in _recorded_stops:
        return
    WallStop.objects.bulk_create(
        [WallStop(reader_key=reader.meter_key, period=period, offer=offer)], ignore_conflicts=True
    )
    if transaction.get_connection().in_atomic_block:
        return  # not yet certain to last: let the next request insert again
    _recorded_stops[stop] = None
    if len(_recorded_stops) > RECORDED_STOPS_KEPT:
        _recorded_stops.popitem(last=False)


def carry_over_anonymous_reads(request: HttpRequest, reader: Reader, period: str) -> None:
    """Once per session and month, add the browser's anonymous reads to the account's."""
    if not (reader.user_key and reader.anonymous_id) or not hasattr(request, "session"):
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
    reader_facts = ReaderFacts(kind=reader.kind)
    metered = is_metered(facts, reader_facts)
    meter = None
    period = current_period()
    carry_over_anonymous_reads(request, reader, period)
    if metered and request.method in COUNTING_METHODS:
        limit = rules.limit_for(reader.kind)
        meter = meter_grant(reader=reader, article_id=facts.article_id, limit=limit, period=period)
    anyone = ReaderFacts(kind=ReaderKind.ANONYMOUS)
    if request.method not in COUNTING_METHODS and is_metered(facts, anyone):
        # HEAD, OPTIONS, POST …: never counted, and never the body unless it is free to all.
        reader_facts = anyone
    outcome = decide(facts, reader_facts, meter, rules)
    if meter is not None and meter.available and not outcome.is_full:
        wall_stop_record(reader=reader, period=period, outcome=outcome)
    return Access(
        outcome=outcome, reader=reader, rules=rules, meter=meter, metered=metered, facts=facts
    )
