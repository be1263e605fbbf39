"""The rules of offers and trials, as tables: prices, durations, refusals, one trial per reader."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from masthead.offers.rules import (
    Duration,
    OfferTerms,
    Refusal,
    describe,
    discounted_payments,
    price_after,
    refusal,
    trial_days_for,
)

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "price, terms, expected",
    [
        (900, OfferTerms(percent_off=Decimal("50")), 450),
        (900, OfferTerms(percent_off=Decimal("12.5")), 787),  # £1.125 off rounds half up to £1.13
        (999, OfferTerms(percent_off=Decimal("50")), 499),  # 499.5 off rounds up to 500
        (900, OfferTerms(percent_off=Decimal("33.33")), 600),  # 299.97 off → 300
        (900, OfferTerms(percent_off=Decimal("100")), 0),
        (900, OfferTerms(amount_off_pence=300), 600),
        (900, OfferTerms(amount_off_pence=1500), 0),  # never below nothing
        (900, OfferTerms(), 900),
    ],
)
def test_the_price_after_an_offer(price, terms, expected):
    assert price_after(price, terms) == expected


@pytest.mark.parametrize(
    "duration, months, interval, payments",
    [
        (Duration.ONCE, None, "month", 1),
        (Duration.ONCE, None, "year", 1),
        (Duration.REPEATING, 3, "month", 3),
        (Duration.REPEATING, 3, "year", 1),  # three months of a yearly plan: its first year
        (Duration.REPEATING, 13, "year", 2),
        (Duration.FOREVER, None, "month", None),
    ],
)
def test_how_many_payments_an_offer_lowers(duration, months, interval, payments):
    terms = OfferTerms(percent_off=Decimal(10), duration=duration, duration_in_months=months)
    assert discounted_payments(terms, interval) == payments


def facts(**overrides):
    base = {
        "active": True,
        "ends_at": NOW + timedelta(days=1),
        "max_redemptions": 10,
        "redeemed": 3,
        "plan_ids": {1, 2},
        "plan_id": 1,
        "now": NOW,
    }
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({}, None),
        ({"active": False}, Refusal.INACTIVE),
        ({"ends_at": NOW}, Refusal.ENDED),  # it ends at that moment
        ({"ends_at": NOW - timedelta(seconds=1)}, Refusal.ENDED),
        ({"ends_at": None}, None),
        ({"redeemed": 10}, Refusal.USED_UP),
        ({"redeemed": 9}, None),
        ({"max_redemptions": None, "redeemed": 10_000}, None),
        ({"plan_id": 3}, Refusal.NOT_FOR_PLAN),
        ({"plan_ids": set(), "plan_id": 3}, None),  # no plans ticked: every plan
        ({"plan_id": None}, None),  # asked of the offer itself, not of a plan
        ({"active": False, "redeemed": 10}, Refusal.INACTIVE),  # the first reason is given
        ({"ends_at": NOW, "redeemed": 10}, Refusal.ENDED),
    ],
)
def test_whether_an_offer_can_be_used_now(overrides, expected):
    assert refusal(**facts(**overrides)) == expected


@pytest.mark.parametrize("why", list(Refusal))
def test_every_refusal_says_why_in_words(why):
    assert why.message.endswith(".") and len(why.message) > 10


@pytest.mark.parametrize(
    "plan_days, had, with_offer, expected",
    [
        (14, False, False, 14),
        (14, True, False, 0),  # one trial per reader
        (14, False, True, 0),  # an offer replaces the trial
        (0, False, False, 0),
    ],
)
def test_one_trial_per_reader(plan_days, had, with_offer, expected):
    assert (
        trial_days_for(plan_trial_days=plan_days, had_subscription=had, with_offer=with_offer)
        == expected
    )


HALF_FOR_3 = OfferTerms(percent_off=Decimal(50), duration=Duration.REPEATING, duration_in_months=3)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"price_pence": 900, "interval": "month"}, "£9 a month"),
        (
            {"price_pence": 900, "interval": "month", "trial_days": 14},
            "14 days free, then £9 a month",
        ),
        ({"price_pence": 900, "interval": "month", "trial_days": 1}, "1 day free, then £9 a month"),
        (
            {"price_pence": 900, "interval": "month", "terms": HALF_FOR_3},
            "£4.50 a month for 3 months, then £9 a month",
        ),
        (
            {"price_pence": 9000, "interval": "year", "terms": HALF_FOR_3},
            "£45 for the first year, then £90 a year",
        ),
        (
            {
                "price_pence": 900,
                "interval": "month",
                "terms": OfferTerms(amount_off_pence=200, duration=Duration.FOREVER),
            },
            "£7 a month for as long as you subscribe",
        ),
        (
            {"price_pence": 900, "interval": "month", "terms": OfferTerms(amount_off_pence=100)},
            "£8 for the first month, then £9 a month",
        ),
        (
            {"price_pence": 600, "interval": "month", "per_seat": True, "trial_days": 14},
            "14 days free, then £6 a seat a month",
        ),
    ],
)
def test_a_price_in_words(kwargs, words):
    assert describe(**kwargs) == words
