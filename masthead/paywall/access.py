"""The access service: what one reader may read of one article, from plain values.

It knows nothing of requests. It takes who the reader is (a :class:`Reader`
from ``identity.identify`` or from anything else that knows: a newsletter
recipient, a gift link's holder, a live blog's poller), the article's facts,
the publisher's rules and whether this read counts, asks the meter store once
and the pure policy once, and returns an :class:`Access`. The article view,
the shared page cache and every later road to the text call this one function.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass

from django.db import transaction

from masthead.paywall.identity import Reader
from masthead.paywall.meter import MeterStore, MeterUnavailable, meter_store
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

log = logging.getLogger(__name__)


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
        """The id to set in a new browser's cookie: once a read is counted or a gift's place taken.

        (Without it, a browser that keeps no cookie would take a new place at each visit.)
        """
        if self.outcome in (Outcome.FULL_AND_COUNT, Outcome.FULL_GIFT):
            return self.reader.new_anonymous_id
        return None


def meter_grant(
    *, reader: Reader, article_id: int, limit: int, period: str, store: MeterStore
) -> MeterState:
    # A logged-in reader's reads are the browser's too: logging out never resets a count.
    also = (reader.browser_key,) if reader.account and reader.browser_key else ()
    try:
        grant = store.grant(
            reader_key=reader.meter_key,
            period=period,
            article_id=article_id,
            limit=limit,
            also_keys=also,
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


def decide_access(
    *,
    reader: Reader,
    facts: ArticleFacts,
    rules: MeterRules,
    counts: bool,
    period: str,
    store: MeterStore | None = None,
    unlocked: bool = False,
    gift: bool = False,
) -> Access:
    """The reader's access to the article. ``counts``: this read may use the allowance.

    ``unlocked``: a public-interest unlock opens the story now; the meter is not
    asked, so the read counts against nobody. ``gift``: the reader holds a gift
    link good for this article; the meter is not asked either.

    A metered reader's read that may not count (HEAD, OPTIONS, POST …) never
    gets the body; readers who are not metered (subscribers, the newsroom,
    verified crawlers) need no count.
    """
    reader_facts = ReaderFacts(kind=reader.kind, via=reader.via)
    metered = is_metered(facts, reader_facts)
    meter = None
    unlocked = unlocked and counts
    gift = gift and counts
    if metered and counts and not (unlocked or gift):
        limit = rules.limit_for(reader.kind)
        meter = meter_grant(
            reader=reader,
            article_id=facts.article_id,
            limit=limit,
            period=period,
            store=store or meter_store(),
        )
    if metered and not counts:
        # Asked to read without counting: the teaser, as for anyone without reads left.
        reader_facts = ReaderFacts(kind=ReaderKind.ANONYMOUS)
    outcome = decide(facts, reader_facts, meter, rules, unlocked=unlocked, gift=gift)
    if meter is not None and meter.available and not outcome.is_full:
        wall_stop_record(reader=reader, period=period, outcome=outcome)
    return Access(
        outcome=outcome, reader=reader, rules=rules, meter=meter, metered=metered, facts=facts
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
