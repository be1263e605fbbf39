"""The seat rules, as a table."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.groups.rules import (
    SeatCountError,
    Taken,
    invitation_refusal,
    seat_change_refusal,
    seat_count,
    seat_grants,
)

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
GRACE = timedelta(days=7)


@pytest.mark.parametrize(
    "typed, seats",
    [("2", 2), (" 3 ", 3), ("500", 500), (12, 12)],
)
def test_seat_counts_the_paper_sells(typed, seats):
    assert seat_count(typed) == seats


@pytest.mark.parametrize(
    "typed, says",
    [
        ("1", "at least 2 seats"),
        ("0", "at least 2 seats"),
        ("-4", "at least 2 seats"),
        ("501", "up to 500 seats"),
        ("three", "whole number"),
        ("2.5", "whole number"),
        ("", "whole number"),
        (None, "whole number"),
    ],
)
def test_seat_counts_refused_with_a_reason(typed, says):
    with pytest.raises(SeatCountError, match=says):
        seat_count(typed)


@pytest.mark.parametrize(
    "new, members, invitations, refused",
    [
        (3, 2, 0, False),  # the buyer and two members fill three seats exactly
        (2, 2, 0, True),  # one member too many
        (2, 1, 1, True),  # an invitation waiting keeps its seat
        (4, 1, 1, False),
        (5, 4, 0, False),
        (4, 4, 0, True),
    ],
)
def test_fewer_seats_than_readers_is_refused(new, members, invitations, refused):
    message = seat_change_refusal(
        new_quantity=new, taken=Taken(members=members, invitations=invitations)
    )
    assert (message is not None) is refused
    if refused:
        assert f"cannot go down to {new}" in message and "Remove members" in message


@pytest.mark.parametrize(
    "quantity, members, invitations, refused",
    [(3, 0, 0, False), (3, 1, 0, False), (3, 2, 0, True), (3, 1, 1, True), (2, 0, 0, False)],
)
def test_an_invitation_needs_a_free_seat(quantity, members, invitations, refused):
    message = invitation_refusal(
        quantity=quantity, taken=Taken(members=members, invitations=invitations)
    )
    assert (message is not None) is refused


@pytest.mark.parametrize(
    "status, end, quantity, rank, grants",
    [
        ("active", NOW + timedelta(days=3), 3, 0, True),
        ("active", NOW + timedelta(days=3), 3, 1, True),
        ("active", NOW + timedelta(days=3), 3, 2, False),  # the buyer holds the third seat
        ("active", NOW + timedelta(days=3), 3, -1, False),  # not an accepted, live seat
        ("trialing", NOW + timedelta(days=3), 2, 0, True),
        ("past_due", NOW - timedelta(days=3), 3, 0, True),  # within the grace
        ("past_due", NOW - timedelta(days=8), 3, 0, False),  # grace over
        ("canceled", NOW + timedelta(days=3), 3, 0, False),
        ("unpaid", NOW + timedelta(days=3), 3, 0, False),
        ("incomplete", NOW + timedelta(days=3), 3, 0, False),
        ("complimentary", None, 3, 0, True),
        ("complimentary", NOW - timedelta(days=1), 3, 0, False),
        ("active", NOW + timedelta(days=3), 1, 0, False),  # no longer sold by the seat
    ],
)
def test_which_seats_let_their_member_read(status, end, quantity, rank, grants):
    assert (
        seat_grants(
            status=status,
            current_period_end=end,
            quantity=quantity,
            rank=rank,
            now=NOW,
            grace=GRACE,
        )
        is grants
    )


@pytest.mark.parametrize(
    "sent, quantity, refused",
    [(0, 3, False), (9, 3, False), (10, 3, True), (19, 10, False), (20, 10, True)],
)
def test_invitations_a_day_are_capped(sent, quantity, refused):
    from masthead.groups.rules import invitation_rate_refusal

    message = invitation_rate_refusal(sent_last_day=sent, quantity=quantity)
    assert (message is not None) is refused
