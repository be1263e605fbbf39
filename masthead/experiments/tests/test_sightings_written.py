"""A new reader of a test is counted once, however many servers met them."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from masthead.experiments.asking import write_sightings
from masthead.experiments.models import ExposedReader, Exposures
from masthead.experiments.tests.test_admin import make_experiment

pytestmark = pytest.mark.django_db


def test_two_servers_meeting_the_same_new_reader_count_one_new_reader():
    """The other server's write lands just before this one inserts: the reader is new once."""
    test = make_experiment()
    now = timezone.now()
    day = timezone.localdate(now)
    reader = {(test.pk, "00000000000000aa"): ("A", day, now)}
    table = ExposedReader._meta.db_table
    other_server = []

    def the_other_server_first(execute, sql, params, many, context):
        if not other_server and sql.startswith("INSERT") and table in sql:
            other_server.append(True)
            write_sightings(Counter({(test.pk, "A", day): 1}), dict(reader))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(the_other_server_first):
        write_sightings(Counter({(test.pk, "A", day): 1}), dict(reader))
    assert other_server
    row = Exposures.objects.get(experiment=test, variant="A", day=day)
    assert (row.shown, row.new_readers) == (2, 1)
    assert ExposedReader.objects.filter(experiment=test).count() == 1


def test_a_reader_first_met_by_one_server_is_not_new_to_the_next_in_a_big_write():
    test = make_experiment()
    now = timezone.now()
    day = timezone.localdate(now)
    earlier = {(test.pk, "0000000000000001"): ("B", day, now)}
    write_sightings(Counter(), earlier)
    many = {(test.pk, f"{number:016x}"): ("B", day, now) for number in range(1, 1201)}
    write_sightings(Counter(), many)  # more rows than one statement carries
    assert Exposures.objects.get(experiment=test, variant="B").new_readers == 1200
    assert ExposedReader.objects.filter(experiment=test).count() == 1200
