import pytest

from masthead.readership.counter import forget_pending_reads
from masthead.readership.most_read import forget_most_read


@pytest.fixture(autouse=True)
def _no_reads_from_earlier_tests():
    forget_pending_reads()
    forget_most_read()
    yield
    forget_pending_reads()
    forget_most_read()
