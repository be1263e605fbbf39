"""What the admin accepts as a range or a domain, and what it says about the rest."""

import pytest
from django.core.exceptions import ValidationError

from masthead.institutions.networks import email_domain, normal_domain, normal_range


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("192.0.2.0/24", "192.0.2.0/24"),
        ("  198.51.100.0/22 ", "198.51.100.0/22"),
        ("203.0.113.7/32", "203.0.113.7/32"),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("2001:db8::/32", "2001:db8::/32"),
        ("2001:DB8:0:0::/48", "2001:db8::/48"),
        ("2001:db8:1:2:3:4:5:6/128", "2001:db8:1:2:3:4:5:6/128"),
    ],
)
def test_a_range_is_kept_in_its_normal_spelling(typed, stored):
    assert normal_range(typed) == stored


@pytest.mark.parametrize(
    "typed, says",
    [
        ("", "Enter a range"),
        ("library", "is not an IPv4 or IPv6 range"),
        ("192.0.2.0/33", "is not an IPv4 or IPv6 range"),
        ("192.0.2/24", "is not an IPv4 or IPv6 range"),
        ("300.1.2.0/24", "is not an IPv4 or IPv6 range"),
        ("192.0.2.7/24", "did you mean 192.0.2.0/24?"),
        ("2001:db8::1/32", "did you mean 2001:db8::/32?"),
        ("192.0.2.10", "192.0.2.10/32 for this one address"),
        ("2001:db8::1", "2001:db8::1/128 for this one address"),
        ("0.0.0.0/0", "too wide"),
        ("64.0.0.0/2", "too wide"),
        ("2000::/3", "too wide"),
        ("127.0.0.0/8", "loopback"),
        ("::1/128", "loopback"),
        ("224.0.0.0/8", "multicast"),
        ("::ffff:192.0.2.0/120", "Write ::ffff:c000:200/120 as an IPv4 range: 192.0.2.0/24."),
    ],
)
def test_a_bad_range_is_refused_with_a_reason(typed, says):
    with pytest.raises(ValidationError) as refused:
        normal_range(typed)
    assert says in refused.value.messages[0]


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("example.edu", "example.edu"),
        ("Example.EDU", "example.edu"),
        ("@example.edu", "example.edu"),
        ("library@example.edu", "example.edu"),
        ("example.edu.", "example.edu"),
        (" mail.example.ac.uk ", "mail.example.ac.uk"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ],
)
def test_a_domain_is_kept_in_lower_case(typed, stored):
    assert normal_domain(typed) == stored


@pytest.mark.parametrize(
    "typed, says",
    [
        ("", "Enter a domain"),
        ("edu", "is not a domain name"),
        ("example..edu", "is not a domain name"),
        ("-example.edu", "is not a domain name"),
        ("example edu", "is not a domain name"),
        ("*.example.edu", "is not a domain name"),
        ("bücher.example", "ASCII form"),
    ],
)
def test_a_bad_domain_is_refused_with_a_reason(typed, says):
    with pytest.raises(ValidationError) as refused:
        normal_domain(typed)
    assert says in refused.value.messages[0]


@pytest.mark.parametrize(
    "email, domain",
    [
        ("reader@example.edu", "example.edu"),
        ("Reader@EXAMPLE.edu", "example.edu"),
        ("odd@name@example.edu", "example.edu"),
        ("no-at-sign.example.edu", None),
        ("@example.edu", None),
        ("", None),
    ],
)
def test_the_domain_of_an_address(email, domain):
    assert email_domain(email) == domain
