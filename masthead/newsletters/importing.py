"""Readers moving from another service: a CSV file of addresses, names, newsletters and statuses.

Columns: ``email``, ``name``, ``newsletters`` (slugs separated by ``;`` or
``|``), ``status`` (confirmed, subscribed, active, pending, unsubscribed …).
A file that is not such a CSV (wrong columns, not UTF-8) is refused whole
before anything is written. A bad row is reported by its line number with
the reason and skipped; every other row is imported. Running the same file
twice changes nothing the second time. Addresses that match an account are
linked to it. The consent is the previous service's, and says so.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from masthead.newsletters.models import Newsletter, Signup, Suppression
from masthead.newsletters.services import IMPORTED, normalise_email

REQUIRED_COLUMNS = {"email", "newsletters"}
STATUSES = {
    "confirmed": Signup.Status.CONFIRMED,
    "subscribed": Signup.Status.CONFIRMED,
    "active": Signup.Status.CONFIRMED,
    "": Signup.Status.CONFIRMED,
    "pending": Signup.Status.PENDING,
    "unconfirmed": Signup.Status.PENDING,
    "unsubscribed": Signup.Status.UNSUBSCRIBED,
    "bounced": Signup.Status.BOUNCED,
    "cleaned": Signup.Status.BOUNCED,
    "complained": Signup.Status.COMPLAINED,
}
SUPPRESSING = {
    Signup.Status.BOUNCED: Suppression.Reason.BOUNCED,
    Signup.Status.COMPLAINED: Suppression.Reason.COMPLAINED,
}


class ImportRefused(Exception):
    """The file as a whole cannot be read as a subscriber list; nothing was written."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    linked: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    name: str
    slugs: tuple[str, ...]
    status: str


def read_rows(data: bytes) -> tuple[list[Row], list[tuple[int, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"The file is not UTF-8 text (byte {error.start}): save it as CSV UTF-8 and try again."
        ) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    missing = REQUIRED_COLUMNS - columns
    if missing:
        raise ImportRefused(
            f"The file has no {', '.join(sorted(missing))} column; the columns must be "
            "email, name, newsletters, status (found: "
            f"{', '.join(sorted(c for c in columns if c)) or 'none'})."
        )
    rows, problems = [], []
    try:
        for record in reader:
            line = reader.line_num
            values = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items() if k}
            email = values.get("email", "")
            try:
                validate_email(email)
            except ValidationError:
                problems.append((line, f"“{email}” is not an email address"))
                continue
            status = values.get("status", "").lower()
            if status not in STATUSES:
                problems.append((line, f"unknown status “{status}”"))
                continue
            slugs = tuple(
                s.strip().lower()
                for s in values.get("newsletters", "").replace("|", ";").split(";")
                if s.strip()
            )
            if not slugs:
                problems.append((line, "no newsletter named"))
                continue
            rows.append(Row(line, normalise_email(email), values.get("name", ""), slugs, status))
    except csv.Error as error:
        raise ImportRefused(f"Line {reader.line_num} is not valid CSV: {error}") from error
    return rows, problems


def import_signups(path: Path | str) -> ImportReport:
    path = Path(path)
    rows, problems = read_rows(path.read_bytes())
    letters = {n.slug: n for n in Newsletter.objects.all()}
    users = {u.email.lower(): u for u in get_user_model().objects.only("pk", "email")}
    report = ImportReport(problems=list(problems))
    source = f"CSV import from {path.name}"
    now = timezone.now()
    with transaction.atomic():
        existing = {
            (s.newsletter_id, s.email.lower()): s
            for s in Signup.objects.filter(email__in=[row.email for row in rows])
        }
        for row in rows:
            unknown = [slug for slug in row.slugs if slug not in letters]
            if unknown:
                report.problems.append((row.line, f"no newsletter “{'”, “'.join(unknown)}”"))
                continue
            status = STATUSES[row.status]
            user = users.get(row.email.lower())
            for slug in row.slugs:
                letter = letters[slug]
                signup = existing.get((letter.pk, row.email.lower()))
                if signup is None:
                    signup = Signup.objects.create(
                        newsletter=letter,
                        email=row.email,
                        name=row.name,
                        user=user,
                        status=status,
                        consent_at=now,
                        consent_source=source,
                        consent_method=IMPORTED,
                        confirmed_at=now if status == Signup.Status.CONFIRMED else None,
                    )
                    existing[(letter.pk, row.email.lower())] = signup
                    report.created += 1
                    report.linked += bool(user)
                elif signup.status != status and signup.consent_method == IMPORTED:
                    signup.status = status
                    signup.save(update_fields=["status"])
                    report.updated += 1
                else:
                    report.unchanged += 1
            if status in SUPPRESSING:
                Suppression.objects.get_or_create(
                    email=row.email, defaults={"reason": SUPPRESSING[status], "detail": source}
                )
    report.problems.sort()
    return report
