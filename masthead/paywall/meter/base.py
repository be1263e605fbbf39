"""The meter store interface.

A store remembers which articles each reader has read in each period. Its one
essential operation, :meth:`MeterStore.grant`, checks and counts in one atomic
step: however many requests arrive at once, a reader never gets more than the
limit. Stores follow Django's cache backends: chosen by a dotted path in
``MASTHEAD_METER_STORE``, with one contract test suite that every store passes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


class MeterUnavailable(Exception):
    """The store could not be reached; callers fall back to the teaser."""


@dataclass(frozen=True)
class Grant:
    counted_now: bool
    already_counted: bool
    used: int


class MeterStore(ABC):
    def __init__(self, **options):
        self.options = options

    @abstractmethod
    def grant(
        self,
        *,
        reader_key: str,
        period: str,
        article_id: int,
        limit: int,
        also_keys: tuple[str, ...] = (),
    ) -> Grant:
        """Count ``article_id`` for the reader if it is a reread or the limit allows; atomically.

        A read that is granted is recorded under ``also_keys`` as well, in the
        same step (a logged-in reader's browser: one browser, one allowance).
        """

    @abstractmethod
    def used(self, *, reader_key: str, period: str) -> int:
        """How many distinct articles the reader has read in the period."""

    @abstractmethod
    def articles(self, *, reader_key: str, period: str) -> set[int]:
        """The articles the reader has read in the period (for export and carry-over)."""

    @abstractmethod
    def carry_over(self, *, from_key: str, to_key: str, period: str) -> int:
        """Add the period's reads of ``from_key`` to ``to_key``; return ``to_key``'s count."""

    @abstractmethod
    def purge(self, *, before_period: str) -> int:
        """Forget every read of periods before ``before_period``; return how many went."""
