"""Who a subscription lets in, one row per rule."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.subscriptions.entitlements import grants_access

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
GRACE = timedelta(days=3)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "period_end", "granted"),
    [
        ("active", NOW - 10 * DAY, True),  # the provider, not the date, ends a paid one
        ("trialing", None, True),
        ("past_due", NOW - DAY, True),  # within the grace period
        ("past_due", NOW - 5 * DAY, False),
        ("canceled", NOW + 10 * DAY, False),
        ("complimentary", None, True),  # given with no end
        ("complimentary", NOW + DAY, True),
        ("complimentary", NOW - DAY, False),  # a gift ends on its date: no provider will end it
        ("something-new", None, False),
    ],
)
def test_entitlement(status, period_end, granted):
    assert (
        grants_access(status=status, current_period_end=period_end, now=NOW, grace=GRACE) is granted
    )
