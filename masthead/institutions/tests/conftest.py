import pytest

from masthead.institutions.reads import forget_pending_institution_reads


@pytest.fixture(autouse=True)
def _no_reads_from_earlier_tests():
    forget_pending_institution_reads()
    yield
    forget_pending_institution_reads()
