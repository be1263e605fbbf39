"""What an import reads, as plain values: the parsers produce these, the writer applies them.

A parser (``wordpress.py``, ``ghost.py``) turns an export file into these
records and nothing else: no database, no Django models. The writer
(``writer.py``) applies them, keyed by ``(source, source_id)`` so a second run
updates what changed and duplicates nothing. Bodies stay HTML here; the writer
sanitises them and turns them into article body blocks (``html_blocks.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ExportUnreadable(Exception):
    """The export cannot be read (truncated, wrong format, bad encoding): nothing was changed."""


class Status(StrEnum):
    LIVE = "live"  # WordPress "publish", Ghost "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"  # WordPress "future", Ghost "scheduled": goes live at published_at
    PRIVATE = "private"  # private or password-protected: imported, never public


class Access(StrEnum):
    FREE = "free"  # free to read (Ghost "public")
    METERED = "metered"  # counts against the allowance (Ghost "members", "paid", "tiers")


@dataclass
class Picture:
    """An image as the export names it; the writer finds the file under ``--media-dir``."""

    path: str  # relative to the media dir, e.g. "2019/04/harbour.jpg"
    url: str = ""  # as the export gives it, for the report
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Person:
    source_id: str
    name: str
    slug: str = ""
    email: str = ""
    bio: str = ""


@dataclass
class Story:
    source: str  # "wordpress" or "ghost"
    source_id: str  # the post's id in the export, stable between exports
    title: str
    slug: str
    body_html: str  # the post's HTML, shortcodes and all; the writer sanitises it
    status: Status
    standfirst: str = ""
    published_at: datetime | None = None  # aware
    modified_at: datetime | None = None  # aware
    section: str = ""  # the first category / primary tag, by name
    topics: list[str] = field(default_factory=list)  # names
    authors: list[str] = field(default_factory=list)  # Person.source_id values
    hero: Picture | None = None
    access: Access = Access.METERED
    old_paths: list[str] = field(default_factory=list)  # "/2019/04/slug/", "/?p=123", "/slug/"
    # Media the body refers to by URL, mapped to where the file is under --media-dir.
    media: dict[str, str] = field(default_factory=dict)


class MemberStatus(StrEnum):
    FREE = "free"
    PAID = "paid"
    COMPED = "comped"


@dataclass
class Member:
    """A reader who had an account at the old paper (Ghost members)."""

    source_id: str
    email: str
    name: str = ""
    status: MemberStatus = MemberStatus.FREE
    created_at: datetime | None = None
    stripe_customer_id: str = ""
    stripe_subscription_ids: list[str] = field(default_factory=list)
    comped_until: datetime | None = None  # None: no end
    newsletters: list[str] = field(default_factory=list)  # newsletter slugs or names
    email_disabled: bool = False  # the old paper's mail bounced: do not sign up to newsletters


@dataclass
class Skipped:
    """An item the export holds that the import leaves out, and why (shown in the report)."""

    kind: str  # "post", "page", "attachment", "member" …
    source_id: str
    title: str
    reason: str


@dataclass
class Export:
    """Everything one export file holds."""

    source: str
    site_url: str = ""  # the old paper's address, from the export
    stories: list[Story] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
