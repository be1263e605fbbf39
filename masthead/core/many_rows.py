"""Many rows in one statement, for the counts written in batches behind the reader's path.

Background threads write thousands of rows at a time (readers' day marks,
a test's first sightings). A ``VALUES (%s, …), (%s, …) …`` list costs the
writing process more than the database: thousands of placeholders parsed
and matched to parameters on every statement, on the server that is also
answering readers. On PostgreSQL the rows go instead as one array per
column, unpacked by ``unnest``: the statement's text is the same for every
batch, so it is parsed once, and the values are sent as arrays. Elsewhere
(the embedded SQLite) a ``VALUES`` list of a few hundred rows at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

VALUES_ROWS = 400  # well under SQLite's limit on parameters
ARRAY_ROWS = 10_000


def insert_rows(
    model, columns: Sequence[str], rows: Sequence[Sequence], tail: str = "", *, fetch=False
) -> list[tuple]:
    """``INSERT INTO model (columns) <rows> tail``; the rows ``RETURNING`` gave, if ``fetch``.

    ``columns``: field names (or attnames) of ``model``; ``rows``: values
    already prepared for the database, in that order; ``tail``: what follows
    the rows (``ON CONFLICT …``, ``RETURNING …``). A statement may not touch
    the same row twice: the rows' keys must differ.
    """
    if not rows:
        return []
    quote = connection.ops.quote_name  # "full" is a word of SQL's own
    fields = [model._meta.get_field(name) for name in columns]
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)})"
    )
    returned: list[tuple] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            sql = f"{head} SELECT * FROM unnest({arrays}) {tail}"
            for start in range(0, len(rows), ARRAY_ROWS):
                chunk = rows[start : start + ARRAY_ROWS]
                cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])
                if fetch:
                    returned.extend(cursor.fetchall())
            return returned
        row = f"({', '.join(['%s'] * len(fields))})"
        for start in range(0, len(rows), VALUES_ROWS):
            chunk = rows[start : start + VALUES_ROWS]
            cursor.execute(
                f"{head} VALUES {', '.join([row] * len(chunk))} {tail}",
                [value for values in chunk for value in values],
            )
            if fetch:
                returned.extend(cursor.fetchall())
    return returned
