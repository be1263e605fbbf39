"""Articles as the engine sees them, and reading them from JSONL.

A record is what a newsroom has for every story: an id, a headline, the text,
and when known a publication date, a section and topics. The offline commands
read records from JSONL, one object per line; a bad line stops the run with
its line number, before anything is written, so a half-finished output is
never mistaken for a whole one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any


class CorpusError(ValueError):
    """The corpus cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Record:
    id: Any
    title: str
    body: str = ""
    date: date | None = None
    section: str = ""
    topics: tuple[str, ...] = ()
    labels: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def parse_date(value: Any) -> date | None:
    """An ISO date or datetime, or None when missing or unreadable.

    A wrong date is worse than none (dates steer the ranking), so anything
    that is not clearly a date is treated as unknown.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _topics(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if item is not None and str(item).strip())
    return ()


def record_from_dict(data: Any, *, where: str = "record") -> Record:
    """A record from a decoded JSON object; raises CorpusError naming ``where``."""
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: expected a JSON object, got {type(data).__name__}")
    if data.get("id") is None or data.get("id") == "":
        raise CorpusError(f"{where}: the record has no 'id'")
    if isinstance(data["id"], dict | list | float):
        raise CorpusError(f"{where}: 'id' must be a string or an integer")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CorpusError(f"{where}: the record has no 'title'")
    body = data.get("body")
    if body is not None and not isinstance(body, str):
        raise CorpusError(f"{where}: 'body' must be a string")
    section = data.get("section")
    return Record(
        id=data["id"],
        title=title,
        body=body or "",
        date=parse_date(data.get("date")),
        section=str(section) if section else "",
        topics=_topics(data.get("topics")),
        labels=data,
    )


def read_jsonl(lines: Iterable[str], *, source: str = "corpus") -> Iterator[Record]:
    """Records from JSONL text; blank lines are skipped, ids must be unique."""
    seen: set[Any] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{where}: invalid JSON ({error.msg})") from None
        record = record_from_dict(data, where=where)
        if record.id in seen:
            raise CorpusError(f"{where}: duplicate id {record.id!r}")
        seen.add(record.id)
        yield record


def load_corpus(path: str | Path) -> list[Record]:
    """Every record of a JSONL file; raises CorpusError for a missing or bad file."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return list(read_jsonl(handle, source=str(path)))
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a directory, not a JSONL file") from None
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not UTF-8 text ({error.reason})") from None
