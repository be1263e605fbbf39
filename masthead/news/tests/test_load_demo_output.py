"""``masthead load_demo`` in ``make demo``'s terminal: one summary, not a line per donation."""

import io
import logging

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_loading_the_demo_tells_a_summary_and_logs_no_record_by_record(caplog):
    out = io.StringIO()
    with caplog.at_level(logging.INFO):
        call_command("load_demo", stdout=out)
    assert out.getvalue().count("\n") == 1 and "Loaded the demo paper" in out.getvalue()
    chatter = [r.getMessage() for r in caplog.records if r.levelno < logging.WARNING]
    assert not [m for m in chatter if m.startswith("Donation recorded")], chatter[:3]
    assert logging.getLogger("masthead").level == logging.NOTSET  # quiet only while loading
