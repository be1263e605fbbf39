"""Which institution an address reads through: a table, then the kept ranges as the admin changes them."""

import pytest

from masthead.institutions.lookup import RangeTable, institution_for_address
from masthead.institutions.models import InstitutionRange
from masthead.institutions.tests.factories import make_institution

LIBRARY, HOSPITAL, WARD = 1, 2, 3
TABLE = RangeTable.build(
    [
        ("192.0.2.0/24", LIBRARY),
        ("198.51.100.0/22", HOSPITAL),
        ("198.51.101.0/24", WARD),  # inside the hospital's: the more specific one answers
        ("203.0.113.77/32", LIBRARY),
        ("2001:db8::/32", LIBRARY),
        ("2001:db8:ab::/48", WARD),
    ]
)


@pytest.mark.parametrize(
    "address, institution",
    [
        ("192.0.2.0", LIBRARY),  # first address of the range
        ("192.0.2.10", LIBRARY),
        ("192.0.2.255", LIBRARY),  # last address
        ("192.0.1.255", None),  # one before
        ("192.0.3.0", None),  # one after
        ("198.51.100.1", HOSPITAL),
        ("198.51.101.0", WARD),
        ("198.51.101.255", WARD),
        ("198.51.102.0", HOSPITAL),
        ("198.51.103.255", HOSPITAL),
        ("198.51.104.0", None),
        ("203.0.113.77", LIBRARY),
        ("203.0.113.76", None),
        ("203.0.113.78", None),
        ("2001:db8::1", LIBRARY),
        ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", LIBRARY),  # last address of the /32
        ("2001:db9::", None),  # one after
        ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", None),  # one before
        ("2001:db8:ab:1::5", WARD),
        ("2001:DB8:AB::", WARD),
        ("::ffff:192.0.2.10", LIBRARY),  # IPv4 written as IPv6 by a dual-stack socket
        ("::ffff:192.0.3.10", None),
        ("::c000:20a", None),  # the same bits as 192.0.2.10, but an IPv6 address
        (" 192.0.2.10 ", LIBRARY),
        ("127.0.0.1", None),
        ("0.0.0.0", None),
        ("::", None),
        ("", None),
        (None, None),
        ("192.0.2", None),
        ("192.0.2.10/24", None),
        ("192.0.2.256", None),
        ("fe80::1%eth0", None),
        ("not an address", None),
        ("192.0.2.10, 192.0.2.11", None),
    ],
)
def test_the_institution_of_an_address(address, institution):
    assert TABLE.find(address) == institution


def test_no_institutions_no_answer():
    empty = RangeTable.build([])
    for address in ("192.0.2.10", "2001:db8::1", "127.0.0.1", None, "junk"):
        assert empty.find(address) is None


def test_the_same_range_twice_goes_to_the_first_institution():
    assert RangeTable.build([("192.0.2.0/24", 9), ("192.0.2.0/24", 4)]).find("192.0.2.1") == 4


@pytest.mark.django_db
def test_no_institution_means_nobody_reads_through_one():
    assert institution_for_address("192.0.2.10") is None
    assert institution_for_address("2001:db8::1") is None


@pytest.mark.django_db
def test_ranges_are_read_once_and_kept_until_an_institution_changes(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    library = make_institution(ranges=["192.0.2.0/24", "2001:db8::/32"])
    assert institution_for_address("192.0.2.10") == library.pk
    with django_assert_num_queries(0):  # every reader's request asks: no query for it
        for _ in range(50):
            assert institution_for_address("192.0.2.10") == library.pk
            assert institution_for_address("2001:db8::5") == library.pk
            assert institution_for_address("198.51.100.1") is None

    # A new range, a moved one, a deleted one: each is seen on the next request.
    extra = InstitutionRange.objects.create(institution=library, network="198.51.100.0/24")
    assert institution_for_address("198.51.100.1") == library.pk
    extra.network = "198.51.101.0/24"
    extra.save()
    assert institution_for_address("198.51.100.1") is None
    assert institution_for_address("198.51.101.1") == library.pk
    extra.delete()
    assert institution_for_address("198.51.101.1") is None

    # An institution switched off loses its ranges; switched on, it has them again.
    library.active = False
    library.save()
    assert institution_for_address("192.0.2.10") is None
    library.active = True
    library.save()
    assert institution_for_address("192.0.2.10") == library.pk
    library.delete()
    assert institution_for_address("192.0.2.10") is None


@pytest.mark.django_db
def test_a_nested_range_of_another_institution_wins_inside_it():
    university = make_institution("University", ranges=["198.51.100.0/22"])
    hospital = make_institution("Teaching hospital", ranges=["198.51.101.0/24"])
    assert institution_for_address("198.51.100.9") == university.pk
    assert institution_for_address("198.51.101.9") == hospital.pk
