"""The demo paper's institution: a university library reading by its network and its domain."""

from __future__ import annotations

from masthead.institutions.models import Institution, InstitutionDomain, InstitutionRange

DEMO_INSTITUTION = "Example University Library"
DEMO_RANGE = "192.0.2.0/24"  # TEST-NET-1: never a real reader's address
DEMO_DOMAIN = "example.edu"


def create_demo_institution() -> Institution:
    institution = Institution.objects.create(
        name=DEMO_INSTITUTION,
        contact="Electronic resources librarian, eresources@example.edu",
        notes="Annual licence for the whole campus; renewal talk each September.",
    )
    InstitutionRange.objects.create(institution=institution, network=DEMO_RANGE)
    InstitutionDomain.objects.create(institution=institution, domain=DEMO_DOMAIN)
    return institution
