"""The database meter store, the embedded default.

The check and the count happen in one transaction that holds a lock for the
reader: on PostgreSQL a transaction-scoped advisory lock on the reader's key,
so readers never wait on each other; on SQLite the database's single writer
lock, held for one INSERT that counts only under the limit.
"""

from __future__ import annotations

import hashlib

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

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

        if connection.vendor == "sqlite":
            return self._grant_in_one_statement(reader_key, period, article_id, limit, also_keys)
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

    def _grant_in_one_statement(
        self, reader_key: str, period: str, article_id: int, limit: int, also_keys: tuple[str, ...]
    ) -> Grant:
        """SQLite: the check and the count are one INSERT, so the write lock is held for one
        statement, not for a read, a decision in Python and a write.

        The row goes in only if the reader is under the limit (a reread is a conflict,
        ignored). A row that goes in returns the reader's count with it, so a read that
        counts (every new reader's) is one statement; one that does not reads afterwards,
        in the same transaction, where the reader stands.
        """
        from masthead.paywall.models import MeterRead

        table = connection.ops.quote_name(MeterRead._meta.db_table)
        read_at = connection.ops.adapt_datetimefield_value(timezone.now())
        returning = connection.features.can_return_columns_from_insert
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT OR IGNORE INTO {table} (reader_key, period, article_id, read_at) "
                    f"SELECT %s, %s, %s, %s WHERE (SELECT COUNT(*) FROM {table} "
                    "WHERE reader_key = %s AND period = %s) < %s"
                    + (f" RETURNING (SELECT COUNT(*) FROM {table} "
                       "WHERE reader_key = %s AND period = %s)" if returning else ""),
                    [reader_key, period, article_id, read_at, reader_key, period, limit]
                    + ([reader_key, period] if returning else []),
                )  # fmt: skip
                counted = cursor.fetchall() if returning else []
                if counted:
                    counted_now, used, has_it = True, counted[0][0], True
                else:
                    counted_now = not returning and cursor.rowcount == 1
                    cursor.execute(
                        f"SELECT COUNT(*), COALESCE(SUM(article_id = %s), 0) FROM {table} "
                        "WHERE reader_key = %s AND period = %s",
                        [article_id, reader_key, period],
                    )
                    used, has_it = cursor.fetchone()
                if has_it:
                    for key in also_keys:
                        cursor.execute(
                            f"INSERT OR IGNORE INTO {table} (reader_key, period, article_id, "
                            "read_at) VALUES (%s, %s, %s, %s)",
                            [key, period, article_id, read_at],
                        )
        except DatabaseError as error:
            raise MeterUnavailable(str(error)) from error
        return Grant(counted_now=counted_now, already_counted=bool(has_it) and not counted_now,
                     used=int(used))  # fmt: skip

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
