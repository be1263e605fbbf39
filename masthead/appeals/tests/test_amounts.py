"""Amounts as readers type them and publishers suggest them, and money as readers read it."""

import pytest

from masthead.appeals.rules import format_pounds, parse_suggested_amounts, pounds_to_pence

TYPED = [
    # typed          pence
    ("10", 1_000),
    ("12.5", 1_250),
    ("12.50", 1_250),
    (" £15 ", 1_500),
    ("1,000", 100_000),
    ("100000", 10_000_000),
]


@pytest.mark.parametrize("typed, pence", TYPED)
def test_a_typed_amount_in_pounds_becomes_pence(typed, pence):
    assert pounds_to_pence(typed) == pence


REFUSED = [
    # typed        what the reader is told
    ("", "Type an amount"),
    ("0", "smallest donation"),
    ("0.50", "smallest donation"),
    ("-5", "above £0"),
    ("ten", "as a number"),
    ("12.345", "as a number"),
    ("1e3", "as a number"),
    ("100000.01", "most we can take online is £100,000"),
    ("250000", "most we can take online is £100,000"),
]


@pytest.mark.parametrize("typed, message", REFUSED)
def test_a_typed_amount_that_cannot_be_taken_is_refused_with_a_reason(typed, message):
    with pytest.raises(ValueError, match=message):
        pounds_to_pence(typed)


def test_suggested_amounts_are_whole_pounds_in_the_publishers_order():
    assert parse_suggested_amounts("5,10,25,50") == [5, 10, 25, 50]
    assert parse_suggested_amounts(" 50, £100 ,250,") == [50, 100, 250]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "at least one"),
        ("5,ten,25", "“ten” is not a whole number"),
        ("5,0", "“0” is not a whole number"),
        ("5,-10", "“-10” is not a whole number"),
        ("5,7.50", "“7.50” is not a whole number"),
        ("5,200000", "above the £100,000 limit"),
        ("5,10,5", "suggested twice"),
    ],
)
def test_bad_suggested_amounts_name_the_bad_entry(text, message):
    with pytest.raises(ValueError, match=message):
        parse_suggested_amounts(text)


@pytest.mark.parametrize(
    "pence, shown",
    [(0, "£0"), (500, "£5"), (1_250, "£12.50"), (3_100_000, "£31,000"), (5, "£0.05")],
)
def test_money_is_shown_in_pounds(pence, shown):
    assert format_pounds(pence) == shown
