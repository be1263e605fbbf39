"""What institutions hand the access service, and what they hear from it.

- An address inside an institution's ranges reads as a subscriber
  (``lookup.institution_for_address``, no query unless an institution changed).
- So does a verified account with an address at an institution's domain.
- Every full-text read through an institution adds one to its month's count:
  the count only, never who read nor what (``reads.record_institution_read``).
"""

from __future__ import annotations

from datetime import datetime

from masthead.institutions.lookup import institution_for_account, institution_for_address
from masthead.institutions.reads import record_institution_read
from masthead.paywall.extensions import Standing, article_read, memberships, networks


def domain_standing(user_id: int, now: datetime) -> Standing | None:
    institution = institution_for_account(user_id)
    return Standing(institution_id=institution) if institution is not None else None


def count_institution_read(sender, access, **kwargs) -> None:
    if access.reader.institution_id is not None:
        record_institution_read(access.reader.institution_id)


def register() -> None:
    networks.register(institution_for_address)
    memberships.register(domain_standing)
    article_read.connect(count_institution_read, dispatch_uid="institutions-reads")
