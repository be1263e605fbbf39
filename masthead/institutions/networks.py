"""What counts as an institution's range or domain: checks whose errors say what to do.

A range is a CIDR network, IPv4 or IPv6, written with its host bits clear
(``192.0.2.0/24``, not ``192.0.2.7/24``: that is more often a typo than a
wish). Loopback and unspecified addresses are refused: behind a proxy that
is not declared as trusted every request comes from ``127.0.0.1``, and a
range holding it would open the paper to everyone. Very wide ranges (wider
than a /8 or a /32 of IPv6) are refused for the same reason.

A domain is matched exactly: ``example.edu`` does not cover
``alumni.example.edu``; each subdomain whose mail the institution vouches
for is added on its own.
"""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator

WIDEST_PREFIX = {4: 8, 6: 32}
_domain_name = DomainNameValidator(accept_idna=False)


def parse_range(value: str) -> IPv4Network | IPv6Network:
    """The network ``value`` names, or a ``ValidationError`` saying what is wrong with it."""
    text = (value or "").strip()
    if not text:
        raise ValidationError("Enter a range, such as 192.0.2.0/24 or 2001:db8::/32.")
    if "/" not in text:
        try:
            single = ip_address(text)
        except ValueError:
            single = None
        if single is not None:
            raise ValidationError(
                f"Add the prefix length: {single}/{single.max_prefixlen} for this one address."
            )
    try:
        network = ip_network(text, strict=False)
    except ValueError:
        raise ValidationError(
            f"“{text}” is not an IPv4 or IPv6 range (write it as 192.0.2.0/24 or 2001:db8::/32)."
        ) from None
    try:
        ip_network(text, strict=True)
    except ValueError:
        raise ValidationError(
            f"“{text}” has bits set after the prefix; did you mean {network}?"
        ) from None
    mapped = getattr(network.network_address, "ipv4_mapped", None)
    if mapped is not None and network.prefixlen >= 96:
        # Addresses arrive as IPv4 (``::ffff:192.0.2.10`` is read as 192.0.2.10).
        raise ValidationError(
            f"Write {network} as an IPv4 range: {ip_network(f'{mapped}/{network.prefixlen - 96}')}."
        )
    if network.prefixlen < WIDEST_PREFIX[network.version]:
        raise ValidationError(
            f"{network} is too wide for one institution (the widest allowed is a "
            f"/{WIDEST_PREFIX[network.version]} for IPv{network.version})."
        )
    if network.is_loopback or network.is_unspecified or network.is_multicast:
        raise ValidationError(
            f"{network} is not an institution's network (loopback, unspecified or multicast)."
        )
    return network


def normal_range(value: str) -> str:
    return str(parse_range(value))


def normal_domain(value: str) -> str:
    """``value`` as stored and matched: lower case, without a leading ``@`` or a trailing dot."""
    text = (value or "").strip().lower()
    if text.startswith("@"):
        text = text[1:]
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    text = text.rstrip(".")
    if not text:
        raise ValidationError("Enter a domain, such as example.edu.")
    if not text.isascii():
        raise ValidationError(
            f"Enter “{text}” in its ASCII form (xn--…), as it appears in email addresses."
        )
    try:
        _domain_name(text)
    except ValidationError:
        raise ValidationError(f"“{text}” is not a domain name (such as example.edu).") from None
    if "." not in text:
        raise ValidationError(f"“{text}” is not a domain name (such as example.edu).")
    return text


def email_domain(email: str) -> str | None:
    """The domain part of an address, as domains are stored, or None."""
    local, at, domain = (email or "").rpartition("@")
    if not at or not local:
        return None
    return domain.strip().lower().rstrip(".") or None
