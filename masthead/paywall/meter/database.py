"""The database meter store, the embedded default.

The check and the count happen in one transaction that holds a lock for the
reader: on PostgreSQL a transaction-scoped advisory lock on the reader's key,
on SQLite the database's single writer lock (the connection begins its
transactions IMMEDIATE). Two requests from one reader therefore take turns,
and readers never wait on each other on PostgreSQL.
"""

from __future__ import annotations

import hashlib

from django.db import DatabaseError, connection, transaction

from masthead.paywall.meter.base import Grant, MeterStore, MeterUnavailable


def _lock_id(reader_key: str, period: str) -> int:
    digest = hashlib.blake2b(f"{period}:{reader_key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class DatabaseMeterStore(MeterStore):
    def _lock(self, reader_key: str, period: str) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(reader_key, period)])

    def grant(
        self,
        *,
        reader_key: str,
        period: str,
        article_id: int,
        limit: int,
        also_keys: tuple[str, ...] = (),
    ) -> Grant:
        from masthead.paywall.models import MeterRead

        try:
            with transaction.atomic():
                self._lock(reader_key, period)
                read = set(
                    MeterRead.objects.filter(reader_key=reader_key, period=period).values_list(
                        "article_id", flat=True
                    )
                )
                if article_id in read:
                    grant = Grant(counted_now=False, already_counted=True, used=len(read))
                elif len(read) >= limit:
                    return Grant(counted_now=False, already_counted=False, used=len(read))
                else:
                    grant = Grant(counted_now=True, already_counted=False, used=len(read) + 1)
                new_keys = (reader_key, *also_keys) if grant.counted_now else also_keys
                if new_keys:
                    MeterRead.objects.bulk_create(
                        [MeterRead(reader_key=k, period=period, article_id=article_id)
                         for k in new_keys],
                        ignore_conflicts=True,
                    )  # fmt: skip
                return grant
        except DatabaseError as error:
            raise MeterUnavailable(str(error)) from error

    def used(self, *, reader_key: str, period: str) -> int:
        from masthead.paywall.models import MeterRead

        return MeterRead.objects.filter(reader_key=reader_key, period=period).count()

    def articles(self, *, reader_key: str, period: str) -> set[int]:
        from masthead.paywall.models import MeterRead

        return set(
            MeterRead.objects.filter(reader_key=reader_key, period=period).values_list(
                "article_id", flat=True
            )
        )

    def carry_over(self, *, from_key: str, to_key: str, period: str) -> int:
        from masthead.paywall.models import MeterRead

        with transaction.atomic():
            self._lock(to_key, period)
            have = self.articles(reader_key=to_key, period=period)
            new = self.articles(reader_key=from_key, period=period) - have
            MeterRead.objects.bulk_create(
                [MeterRead(reader_key=to_key, period=period, article_id=a) for a in sorted(new)],
                ignore_conflicts=True,
            )
            return len(have | new)

    def purge(self, *, before_period: str) -> int:
        from masthead.paywall.models import MeterRead

        deleted, _ = MeterRead.objects.filter(period__lt=before_period).delete()
        return deleted
