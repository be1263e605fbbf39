"""Institutions for tests, and requests as they arrive through our proxy or straight in."""

from __future__ import annotations

from masthead.institutions.models import Institution, InstitutionDomain, InstitutionRange

PROXY = "10.0.0.2"  # our own proxy, as the application sees it
OUTSIDE = "203.0.113.9"  # a reader's real address outside every range


def make_institution(name="Example University Library", ranges=(), domains=(), active=True):
    institution = Institution.objects.create(name=name, active=active)
    for network in ranges:
        InstitutionRange.objects.create(institution=institution, network=network)
    for domain in domains:
        InstitutionDomain.objects.create(institution=institution, domain=domain)
    return institution


def through_proxy(address: str, claimed: str = "") -> dict:
    """The request's META as one trusted proxy hands it on: it appends the address it saw."""
    forwarded = f"{claimed}, {address}" if claimed else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}
