"""The rules of offers and trials, as plain functions of plain values.

- The price after an offer: a percentage off is taken in pence and rounded
  half up to the nearest penny (12.5% off £9 is £1.13 off, so £7.87), as
  Stripe rounds; an amount off never takes the price below nothing.
- Whether an offer can be used now, for a plan, and if not, why: inactive,
  ended, used up, or not for this plan, in that order.
- How long an offer lasts, in payments: "once" is the first payment,
  "repeating" covers the payments inside its months (Stripe's
  ``duration_in_months``: three months of a yearly plan is its first year),
  "forever" every payment.
- One trial per reader: a reader who had any subscription before gets none.
  An offer replaces the trial (Stripe would spend a "once" discount on the
  trial's empty first invoice).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal


class Duration(enum.StrEnum):
    ONCE = "once"
    REPEATING = "repeating"
    FOREVER = "forever"


class Refusal(enum.Enum):
    INACTIVE = "inactive"
    ENDED = "ended"
    USED_UP = "used up"
    NOT_FOR_PLAN = "not for this plan"

    @property
    def message(self) -> str:
        return {
            Refusal.INACTIVE: "This offer is not available.",
            Refusal.ENDED: "This offer has ended.",
            Refusal.USED_UP: "This offer has been taken up by as many readers as it was for.",
            Refusal.NOT_FOR_PLAN: "This offer is not for that plan.",
        }[self]


@dataclass(frozen=True)
class OfferTerms:
    """What an offer takes off, and for how long."""

    percent_off: Decimal | None = None
    amount_off_pence: int | None = None
    duration: Duration = Duration.ONCE
    duration_in_months: int | None = None


def price_after(price_pence: int, terms: OfferTerms) -> int:
    """The price in pence of one payment while the offer lasts."""
    if terms.percent_off is not None:
        off = (Decimal(price_pence) * Decimal(terms.percent_off) / 100).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        return max(0, price_pence - int(off))
    if terms.amount_off_pence is not None:
        return max(0, price_pence - terms.amount_off_pence)
    return price_pence


def discounted_payments(terms: OfferTerms, interval: str) -> int | None:
    """How many payments the offer lowers; None for every one."""
    if terms.duration == Duration.FOREVER:
        return None
    if terms.duration == Duration.ONCE:
        return 1
    months = terms.duration_in_months or 1
    return math.ceil(months / 12) if interval == "year" else months


def refusal(
    *,
    active: bool,
    ends_at: datetime | None,
    max_redemptions: int | None,
    redeemed: int,
    plan_ids: frozenset[int] | set[int],
    plan_id: int | None,
    now: datetime,
) -> Refusal | None:
    """Why the offer cannot be used now (for ``plan_id`` when given); None when it can.

    ``plan_ids`` empty means every plan.
    """
    if not active:
        return Refusal.INACTIVE
    if ends_at is not None and now >= ends_at:
        return Refusal.ENDED
    if max_redemptions is not None and redeemed >= max_redemptions:
        return Refusal.USED_UP
    if plan_id is not None and plan_ids and plan_id not in plan_ids:
        return Refusal.NOT_FOR_PLAN
    return None


def trial_days_for(*, plan_trial_days: int, had_subscription: bool, with_offer: bool) -> int:
    """The free days this reader gets on this plan: one trial per reader, none with an offer."""
    if had_subscription or with_offer:
        return 0
    return max(0, plan_trial_days)


# How a price reads: pence → "£9" / "£4.50"; interval → "a month" / "a year".
def pounds(pence: int) -> str:
    whole, part = divmod(int(pence), 100)
    return f"£{whole:,}.{part:02d}" if part else f"£{whole:,}"


PER = {"month": "a month", "year": "a year"}
UNIT = {"month": "month", "year": "year"}


def describe(
    *,
    price_pence: int,
    interval: str,
    terms: OfferTerms | None = None,
    trial_days: int = 0,
    per_seat: bool = False,
) -> str:
    """The plan's price as the reader pays it, in words.

    "14 days free, then £9 a month"; "£4.50 a month for 3 months, then £9 a month";
    "£45 for the first year, then £90 a year"; "£4.50 a month for as long as you subscribe".
    """
    per = PER.get(interval, f"a {interval}")
    if per_seat:
        per = f"a seat {per}"
    full = f"{pounds(price_pence)} {per}"
    if terms is None:
        if trial_days > 0:
            days = "1 day" if trial_days == 1 else f"{trial_days} days"
            return f"{days} free, then {full}"
        return full
    lowered = price_after(price_pence, terms)
    payments = discounted_payments(terms, interval)
    unit = UNIT.get(interval, interval)
    if payments is None:
        return f"{pounds(lowered)} {per} for as long as you subscribe"
    if payments == 1:
        each = " a seat" if per_seat else ""
        return f"{pounds(lowered)}{each} for the first {unit}, then {full}"
    return f"{pounds(lowered)} {per} for {payments} {unit}s, then {full}"
