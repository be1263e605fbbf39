"""The paywall's answer for a live blog's updates: the page's decision, never a new read.

The page view metered the reader (``paywall.services.access_for``); a poll
must not count again. So the updates ask the same access service with
``counts=False`` (a metered reader then gets the teaser) and, for a metered
reader, the meter's own record: a blog already counted this month is read in
full, by the policy's rule for a reread. Nothing is written to the meter.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.http import HttpRequest

from masthead.breaking.current import is_unlocked
from masthead.paywall.access import Access, decide_access
from masthead.paywall.identity import Reader, identify
from masthead.paywall.meter import MeterUnavailable, meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.policy import MeterState, ReaderFacts, decide
from masthead.paywall.selectors import current_rules
from masthead.paywall.services import article_facts

log = logging.getLogger(__name__)


def counted_this_month(reader: Reader, article_id: int, period: str) -> bool:
    try:
        return article_id in meter_store().articles(reader_key=reader.meter_key, period=period)
    except MeterUnavailable as error:
        log.warning("Meter store unavailable, live updates limited to the teaser: %s", error)
        return False


def update_access(request: HttpRequest, blog) -> Access:
    """What this reader may have of ``blog``'s entries, without counting a read."""
    reader = identify(request)
    period = current_period()
    rules = current_rules()
    facts = article_facts(blog)
    access = decide_access(reader=reader, facts=facts, rules=rules, counts=False, period=period)
    if access.outcome.is_full or not access.metered:
        return access
    if is_unlocked(blog.pk):
        outcome = decide(facts, ReaderFacts(kind=reader.kind), None, rules, unlocked=True)
        return replace(access, outcome=outcome)
    if not counted_this_month(reader, blog.pk, period):
        return access
    meter = MeterState(limit=rules.limit_for(reader.kind) or 0, already_counted=True)
    outcome = decide(facts, ReaderFacts(kind=reader.kind), meter, rules)
    return replace(access, outcome=outcome, meter=meter)
