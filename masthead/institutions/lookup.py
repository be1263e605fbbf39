"""Which institution a reader reads through: by network address or by a verified email domain.

Every reader's request asks :func:`institution_for_address`, pages from the
shared cache included, so the active institutions' ranges are read from the
database once and kept in this process until the ``institutions`` tag moves
(``masthead.core.versions``: a save or delete of an institution, a range or
a domain bumps it, on every server within moments). They are kept as one
table per IP version: for each prefix length in use, a dict from the
network's leading bits to the institution. An address is looked up at each
prefix length from the longest, so a question costs one dict lookup per
distinct prefix length (a handful), and a range nested in another's goes to
the more specific one.

:func:`institution_for_account` is asked only when a logged-in reader's
kind is worked out again (``paywall.accounts`` keeps the answer under the
``accounts`` and ``account:<id>`` tags), so it simply asks the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from ipaddress import IPv6Address, ip_address

from masthead.core.kept import kept_until_changed
from masthead.institutions.networks import email_domain

TAG = "institutions"


@dataclass(frozen=True)
class RangeTable:
    """Per IP version: ``(prefix length, {leading bits: institution id})``, longest first."""

    v4: tuple[tuple[int, dict[int, int]], ...] = ()
    v6: tuple[tuple[int, dict[int, int]], ...] = ()

    @classmethod
    def build(cls, ranges: list[tuple[str, int]]) -> RangeTable:
        """From ``(cidr, institution id)`` pairs; an exact duplicate goes to the lowest id."""
        from ipaddress import ip_network

        levels: dict[int, dict[int, dict[int, int]]] = {4: {}, 6: {}}
        for cidr, institution_id in sorted(ranges, key=lambda pair: pair[1], reverse=True):
            network = ip_network(cidr, strict=False)
            bits = network.max_prefixlen - network.prefixlen
            level = levels[network.version].setdefault(network.prefixlen, {})
            level[int(network.network_address) >> bits] = institution_id

        def ordered(version: int):
            return tuple(sorted(levels[version].items(), reverse=True))

        return cls(v4=ordered(4), v6=ordered(6))

    def find(self, address: str | None) -> int | None:
        if not address or not isinstance(address, str):
            return None
        parsed = address_number(address)
        if parsed is None:
            return None
        version, number = parsed
        levels, width = (self.v4, 32) if version == 4 else (self.v6, 128)
        for prefix, networks in levels:
            found = networks.get(number >> (width - prefix))
            if found is not None:
                return found
        return None


@lru_cache(maxsize=4096)
def address_number(address: str) -> tuple[int, int] | None:
    """An address as (IP version, number), or None. Parsed once: readers' addresses recur."""
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return None
    if isinstance(parsed, IPv6Address) and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped  # ::ffff:192.0.2.10 is 192.0.2.10
    return parsed.version, int(parsed)


@kept_until_changed(TAG)
def range_table() -> RangeTable:
    from masthead.institutions.models import InstitutionRange

    return RangeTable.build(
        list(
            InstitutionRange.objects.filter(institution__active=True).values_list(
                "network", "institution_id"
            )
        )
    )


def institution_for_address(address: str | None) -> int | None:
    """The institution whose ranges hold this address (as seen through trusted proxies), or None.

    Called on every reader's request: no query unless an institution changed.
    """
    if not address:
        return None
    return range_table().find(address)


def institution_for_account(user_id: int) -> int | None:
    """The active institution at whose domain the account has a verified address, or None.

    Exact domains only: ``someone@alumni.example.edu`` is not at ``example.edu``.
    An unverified address is never enough: anyone can type one in.
    """
    from allauth.account.models import EmailAddress

    from masthead.institutions.models import InstitutionDomain

    emails = EmailAddress.objects.filter(user_id=user_id, verified=True).values_list(
        "email", flat=True
    )
    domains = {domain for domain in map(email_domain, emails) if domain}
    if not domains:
        return None
    return (
        InstitutionDomain.objects.filter(domain__in=domains, institution__active=True)
        .order_by("institution_id")
        .values_list("institution_id", flat=True)
        .first()
    )
