import pytest

from masthead.analytics import counting


@pytest.fixture(autouse=True)
def _no_counts_from_earlier_tests():
    """Counts buffered by an earlier test belong to a database that is gone."""
    counting.forget()
    yield
    counting.forget()
