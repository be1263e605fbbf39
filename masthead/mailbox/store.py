"""The mailbox's messages: one ``.eml`` file each, named so that names sort by time.

A file name is the time it was kept (nanoseconds) and a random part, so
several processes (the web server and the task workers) can write at once
and the newest is last in name order. Only the newest ``KEEP`` are kept.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings

BACKEND = "masthead.mailbox.backend.EmailBackend"
KEEP = 1000
_NAME = re.compile(r"^\d{20}-[0-9a-f]{8}$")


def in_use() -> bool:
    """Whether this site's mail goes to the mailbox (the demo) rather than out."""
    return settings.EMAIL_BACKEND == BACKEND


def folder() -> Path:
    return Path(getattr(settings, "MASTHEAD_MAILBOX_DIR", Path(settings.VAR_DIR) / "mail"))


def keep(data: bytes) -> str:
    """Write one message (its bytes as sent); returns its id."""
    where = folder()
    where.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    partial = where / f".{name}.partial"
    partial.write_bytes(data)
    partial.replace(where / f"{name}.eml")  # readers never see half a message
    return name


def ids() -> list[str]:
    """Every kept message's id, newest first."""
    try:
        names = os.listdir(folder())
    except FileNotFoundError:
        return []
    kept = (name[:-4] for name in names if name.endswith(".eml"))
    return sorted((name for name in kept if _NAME.match(name)), reverse=True)


def prune() -> None:
    for old in ids()[KEEP:]:
        (folder() / f"{old}.eml").unlink(missing_ok=True)


def raw(message_id: str) -> bytes | None:
    """The message's bytes, or None for an id that is not one of the mailbox's."""
    if not _NAME.match(message_id):
        return None
    try:
        return (folder() / f"{message_id}.eml").read_bytes()
    except FileNotFoundError:
        return None


@dataclass
class Kept:
    id: str
    kept_at: datetime
    sender: str
    to: str
    subject: str
    message: EmailMessage

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""


def read(message_id: str) -> Kept | None:
    data = raw(message_id)
    if data is None:
        return None
    message = email.message_from_bytes(data, policy=email.policy.default)
    return Kept(
        id=message_id,
        kept_at=datetime.fromtimestamp(int(message_id[:20]) / 1e9, tz=UTC),
        sender=str(message.get("From", "")),
        to=", ".join(str(message.get(h)) for h in ("To", "Cc", "Bcc") if message.get(h)),
        subject=str(message.get("Subject", "")),
        message=message,
    )
