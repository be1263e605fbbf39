"""The appeal's arithmetic and limits, as pure functions: no database, no settings.

Money is kept in whole pence everywhere (integers add exactly; floats do not),
and turned into pounds only at the edges: when a reader types an amount and
when a figure is shown. Appeals take pounds sterling only for now: the totals
add up amounts, and adding pounds to euros would make a meaningless figure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CURRENCY = "GBP"
MIN_DONATION_PENCE = 100  # £1: below this the card fees eat most of the gift
MAX_DONATION_PENCE = 100_000 * 100  # £100,000: larger gifts go through the office, not a form

_SUGGESTED = re.compile(r"^\d+$")
_AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")


def progress_percent(raised_pence: int, target_pence: int) -> int:
    """How far along the bar is, 0 to 100, rounded down.

    Rounded down so the bar never claims a target is met before it is; capped at
    100 because a bar cannot be more than full (the figures beside it show the
    true total).
    """
    if target_pence <= 0 or raised_pence <= 0:
        return 0
    return min(100, raised_pence * 100 // target_pence)


def check_currency(currency: str) -> str:
    """The currency code in capitals, or ``ValueError`` if appeals cannot take it."""
    code = (currency or "").strip().upper()
    if code != CURRENCY:
        raise ValueError(f"Appeals take pounds sterling (GBP) only, not {currency!r}.")
    return code


def check_donation_pence(amount_pence: int) -> int:
    """A confirmed payment's amount, or ``ValueError``: more than nothing, at most £100,000."""
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int):
        raise ValueError(f"A donation amount is a whole number of pence, not {amount_pence!r}.")
    if amount_pence <= 0:
        raise ValueError("A donation must be more than £0.")
    if amount_pence > MAX_DONATION_PENCE:
        raise ValueError(f"A donation can be at most {format_pounds(MAX_DONATION_PENCE)}.")
    return amount_pence


def pounds_to_pence(text: str) -> int:
    """An amount a reader typed ("10", "£12.50", "1,000") in pence, or ``ValueError``.

    The message says what to type instead; the form shows it next to the field.
    """
    cleaned = (text or "").strip().replace("£", "").replace(",", "").strip()
    if not cleaned:
        raise ValueError("Type an amount in pounds, for example 15.")
    if cleaned.startswith("-"):
        raise ValueError("Type an amount above £0.")
    if not _AMOUNT.match(cleaned):
        raise ValueError("Type the amount in pounds as a number, for example 15 or 12.50.")
    try:
        pence = int(Decimal(cleaned) * 100)
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits only numbers
        raise ValueError("Type the amount in pounds as a number, for example 15.") from error
    if pence < MIN_DONATION_PENCE:
        raise ValueError(
            f"The smallest donation we can take is {format_pounds(MIN_DONATION_PENCE)}."
        )
    if pence > MAX_DONATION_PENCE:
        raise ValueError(
            f"The most we can take online is {format_pounds(MAX_DONATION_PENCE)}. "
            "For a larger gift, please write to us."
        )
    return pence


def parse_suggested_amounts(text: str) -> list[int]:
    """Suggested amounts as the publisher types them ("5,10,25,50"), in whole pounds.

    Raises ``ValueError`` naming the first entry that is not a whole number of
    pounds between £1 and the maximum donation, or a repeated one.
    """
    parts = [part.strip().lstrip("£").strip() for part in (text or "").split(",")]
    parts = [part for part in parts if part]
    if not parts:
        raise ValueError("Give at least one suggested amount, for example 5,10,25,50.")
    amounts: list[int] = []
    for part in parts:
        if not _SUGGESTED.match(part) or int(part) == 0:
            raise ValueError(
                f"“{part}” is not a whole number of pounds above 0. Use amounts like 5,10,25,50."
            )
        pounds = int(part)
        if pounds * 100 > MAX_DONATION_PENCE:
            raise ValueError(f"£{pounds:,} is above the {format_pounds(MAX_DONATION_PENCE)} limit.")
        if pounds in amounts:
            raise ValueError(f"£{pounds:,} is suggested twice.")
        amounts.append(pounds)
    return amounts


def format_pounds(pence: int) -> str:
    """Pence as readers read money: "£31,000", or "£12.50" when there are pence."""
    pounds, rest = divmod(int(pence), 100)
    if rest:
        return f"£{pounds:,}.{rest:02d}"
    return f"£{pounds:,}"
