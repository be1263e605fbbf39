"""The analytics tables hold counts, never a reader: no address, agent, email or cookie."""

import re

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db

PERSONAL = re.compile(r"ip|addr|agent|email|mail|cookie|referr?er|url|session|name", re.IGNORECASE)


def test_no_analytics_table_has_a_column_for_anything_personal():
    models = list(apps.get_app_config("analytics").get_models())
    assert len(models) >= 6
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            assert columns, table
            assert [column for column in columns if PERSONAL.search(column)] == [], table


def test_a_reader_mark_is_a_digest_that_changes_with_the_day():
    from datetime import date

    from masthead.analytics.counting import reader_digest

    today, tomorrow = date(2026, 12, 7), date(2026, 12, 8)
    assert reader_digest("anon:abc", today) == reader_digest("anon:abc", today)
    assert reader_digest("anon:abc", today) != reader_digest("anon:abc", tomorrow)
    assert "abc" not in reader_digest("anon:abc", today)
