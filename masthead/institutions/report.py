"""The publisher's report: full-text reads per institution per month, on screen and as CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

from masthead.institutions.reads import flush_institution_reads

CSV_HEADER = ["Institution", "Month", "Full-text reads"]


@dataclass(frozen=True)
class ReadsRow:
    institution: str
    month: date
    reads: int

    @property
    def month_label(self) -> str:
        return self.month.strftime("%Y-%m")


def monthly_reads(institution_id: int | None = None) -> list[ReadsRow]:
    """Newest month first, institutions by name; this process's waiting counts included."""
    from masthead.institutions.models import MonthlyReads

    flush_institution_reads()
    rows = MonthlyReads.objects.select_related("institution").order_by(
        "-month", "institution__name"
    )
    if institution_id is not None:
        rows = rows.filter(institution_id=institution_id)
    return [ReadsRow(row.institution.name, row.month, row.reads) for row in rows]


def write_csv(rows: list[ReadsRow], out) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([_safe(row.institution), row.month_label, row.reads])


def _safe(text: str) -> str:
    """A name a spreadsheet would run as a formula (``=HYPERLINK(…)``) is written as text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
