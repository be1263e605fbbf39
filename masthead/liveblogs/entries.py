"""Which entries of a live blog a reader gets, from plain values.

A reader with full access gets every entry. A reader past the allowance gets
the teaser: the blog's *first* entries, the ones published earliest (as many
as the teaser paragraphs), and the headlines of the key events. The teaser
is the first entries and not the newest on purpose: the newest change every
few minutes, so a teaser of the newest would hand a reader past the limit
every entry in turn, by reloading or by the page's own updates. The first
ones never change, so nothing withheld ever reaches that reader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyEvent:
    entry_id: int
    headline: str
    time: object
    readable: bool  # a link to the entry only when the reader has it


@dataclass(frozen=True)
class ReadableEntries:
    entries: list  # newest first, the pinned entry left out
    pinned: object | None
    key_events: list[KeyEvent]
    withheld: bool  # some entries are not in ``entries`` for this reader
    newest_id: int  # the newest entry this reader has: the updates ask for those after it


def in_time_order(entries) -> list:
    """Oldest first: by time, then by the order they were added."""
    return sorted(entries, key=lambda entry: (entry.time, entry.pk or 0))


def teaser_ids(entries, count: int) -> set[int]:
    return {entry.pk for entry in in_time_order(entries)[: max(count, 0)]}


def readable_entries(entries, *, full: bool, teaser_count: int) -> ReadableEntries:
    entries = in_time_order(entries)
    allowed = {entry.pk for entry in entries} if full else teaser_ids(entries, teaser_count)
    shown = [entry for entry in reversed(entries) if entry.pk in allowed]
    pinned = next((entry for entry in shown if entry.pinned), None)
    key_events = [
        KeyEvent(
            entry_id=entry.pk,
            headline=entry.headline or f"{entry.time:%H:%M}",
            time=entry.time,
            readable=entry.pk in allowed,
        )
        for entry in reversed(entries)
        if entry.key_event
    ]
    return ReadableEntries(
        entries=[entry for entry in shown if entry is not pinned],
        pinned=pinned,
        key_events=key_events,
        withheld=len(allowed) < len(entries),
        newest_id=max(allowed, default=0),
    )


def entries_after(entries, after_id: int, *, full: bool, teaser_count: int) -> list:
    """The entries this reader may have that were added after ``after_id``, newest first."""
    allowed = None if full else teaser_ids(entries, teaser_count)
    newer = [
        entry
        for entry in in_time_order(entries)
        if entry.pk > after_id and (allowed is None or entry.pk in allowed)
    ]
    return list(reversed(newer))
