"""Totals are exact when donations are confirmed at the same moment.

The total is a sum over the donations table, not a counter, so there is no
read-modify-write to lose an update in. The threaded test needs a database
that takes concurrent connections: PostgreSQL here. The test database is
SQLite in memory otherwise, where a second thread finds the table locked; the
rule is then held by the sequential test, which always runs.
"""

import os
import threading

import pytest
from django.db import connection

from masthead.appeals.models import Donation
from masthead.appeals.selectors import appeal_progress
from masthead.appeals.tests.factories import give, make_campaign
from masthead.appeals.tests.test_donation_record import record


@pytest.mark.django_db
def test_the_total_is_the_exact_sum_of_every_donation_recorded(
    mailoutbox, django_capture_on_commit_callbacks
):
    campaign = make_campaign(target_pence=5_000_000)
    amounts = [500, 1_000, 2_500, 5_000, 1_234, 99_999, 1, 10_000_000] * 10
    with django_capture_on_commit_callbacks(execute=True):
        for number, amount in enumerate(amounts):
            give(campaign, amount, email=f"reader{number % 37}@example.org")
        # Providers retry: every confirmation arrives a second time.
        for number, amount in enumerate(amounts):
            record(campaign, amount_pence=amount, reference=f"pi_test_retry_{number}")
            record(campaign, amount_pence=amount, reference=f"pi_test_retry_{number}")
    progress = appeal_progress(campaign)
    assert progress.raised_pence == 2 * sum(amounts)
    assert progress.supporters == 38  # 37 readers, and ada@example.org who made the retried ones
    assert len(mailoutbox) == 2 * len(amounts)


# Threads need a database that takes concurrent connections; see the module docstring.
RACED_DATABASES = (
    ["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else []
)

THREADS = 24


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("database", RACED_DATABASES)
def test_donations_confirmed_at_once_are_all_counted_and_replays_only_once(database, mailoutbox):
    campaign = make_campaign(target_pence=5_000_000)
    start = threading.Barrier(THREADS * 2)
    results, errors = [], []

    def confirm(number: int, reference: str) -> None:
        try:
            start.wait(timeout=30)
            results.append(
                record(
                    campaign,
                    amount_pence=1_000 + number,
                    email=f"racer{number}@example.org",
                    reference=reference,
                )
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    # Each of THREADS payments is confirmed by two requests at the same moment (a webhook
    # retried while the first delivery is still being handled).
    threads = [
        threading.Thread(target=confirm, args=(number, f"pi_race_{number}"))
        for number in range(THREADS)
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sum(created for _, created in results) == THREADS
    assert Donation.objects.filter(campaign=campaign).count() == THREADS
    progress = appeal_progress(campaign)
    assert progress.raised_pence == sum(1_000 + number for number in range(THREADS))
    assert progress.supporters == THREADS
    assert len(mailoutbox) == THREADS
