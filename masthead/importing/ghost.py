"""Ghost's JSON export, read into import records: posts, authors and members.

Ghost (Settings → Advanced → Export) writes ``{"db": [{"meta": …, "data":
{table: [rows]}}]}``: the database's tables, row for row. Posts join their
tags, authors and ``posts_meta`` (the feature image's alt and caption) by id;
members join their Stripe customers, subscriptions, tiers and newsletters.

Ghost's export holds members only when asked for them (``include=members,
members_products, members_stripe_customers, members_stripe_customers_subscriptions,
members_newsletters``, as Ghost's own backups do); without them it has none.

Ghost 3 to 6 write the same tables, with these differences read here: bodies
are ``html`` plus Mobiledoc (3, 4) or Lexical (5, 6; ``html`` may be empty, so
it is rendered); Ghost 1 and 2 mark pages with ``page`` rather than ``type`` and
name a post's author in ``author_id``; members have no ``status`` before Ghost 4
(paid and comped are read from their Stripe subscription) and a ``subscribed``
flag instead of ``newsletters`` before Ghost 5 (a subscribed member chose
Ghost's one newsletter, which Ghost 5 calls ``default-newsletter``).

Ghost writes its own address as ``__GHOST_URL__``. Bodies keep links to the
old paper root-relative (``/other-story/``, which the old paths redirect);
images under ``/content/`` are listed in ``Story.media`` by the path they have
under the export's ``content`` folder, which is what ``--media-dir`` names.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

from masthead.importing.ghost_render import render_lexical, render_mobiledoc
from masthead.importing.records import (
    Access,
    Export,
    ExportUnreadable,
    Member,
    MemberStatus,
    Person,
    Picture,
    Skipped,
    Status,
    Story,
)

SOURCE = "ghost"
GHOST_URL = "__GHOST_URL__"
STATUSES = {
    "published": Status.LIVE,
    "draft": Status.DRAFT,
    "scheduled": Status.SCHEDULED,
    "sent": Status.PRIVATE,  # sent as a newsletter only, never on the site
}
# "members", "paid", "tiers" and anything unknown are metered: deny by default.
FREE_VISIBILITY = "public"
# A URL of a file Ghost keeps under its content folder; "size/w600/" is a resized copy.
CONTENT_URL = re.compile(
    r"(?:__GHOST_URL__)?/content/((?:images|media|files)/(?:size/[^/\s\"']+/)?[^\s\"'<>),]+)"
)
# In a body, only the paper's own files: root-relative once __GHOST_URL__ is taken out.
OWN_CONTENT_URL = re.compile(r"(?<=[\s\"'(,=])" + CONTENT_URL.pattern)
_SIZE = re.compile(r"^images/size/[^/]+/")
_TAG = re.compile(r"<[^>]+>")
# Before Ghost 5 a member had one newsletter or none; Ghost 5 named that one so.
DEFAULT_NEWSLETTER = "default-newsletter"
# A Stripe subscription that still gives access (Ghost 3 read a member's status from it).
LIVE_SUBSCRIPTION = frozenset({"active", "trialing", "past_due", "unpaid"})


def read_export(path: Path) -> Export:
    """Read a Ghost export file; raises ExportUnreadable, changing nothing, if it is not one."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ExportUnreadable(f"Cannot read {path}: {error.strerror}") from error
    name = Path(path).name
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ExportUnreadable(
            f"{name} is not UTF-8 text (line {line}, byte {error.start}): export it again "
            "from Ghost, or save it as UTF-8"
        ) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if not text.strip():
            raise ExportUnreadable(f"{name} is not a Ghost export: the file is empty") from error
        # A string left open runs to the end of the file too: both are a file cut short.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise ExportUnreadable(
                f"{name} is not complete JSON: the file ends before the export does "
                f"(line {text.count(chr(10)) + 1}); is the file cut short? Export it again "
                "from Ghost"
            ) from error
        raise ExportUnreadable(
            f"{name} is not a Ghost export: it is not well-formed JSON (line {error.lineno}, "
            f"column {error.colno}: {error.msg})"
        ) from error
    data = _tables(document, name)
    try:
        return parse_tables(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ExportUnreadable(
            f"{name} looks like a Ghost export but a row is malformed: {error!r}"
        ) from error


def _tables(document, name: str) -> dict:
    """The ``data`` object of a Ghost export, in either of the shapes Ghost has written."""
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    if (
        not isinstance(document, dict)
        or not isinstance(document.get("data"), dict)
        or not isinstance(document.get("meta"), dict)
        or not isinstance(document["data"].get("posts"), list)
    ):
        raise ExportUnreadable(
            f"{name} is not a Ghost export: no db[0].meta and db[0].data.posts "
            "(export it from Ghost's Settings → Advanced → Import/Export)"
        )
    return document["data"]


def parse_tables(data: dict) -> Export:
    export = Export(source=SOURCE)
    tags = {t["id"]: t for t in data.get("tags") or []}
    users = {u["id"]: u for u in data.get("users") or []}
    meta = {m["post_id"]: m for m in data.get("posts_meta") or []}
    post_tags = _grouped(data.get("posts_tags"), "post_id", "tag_id")
    post_authors = _grouped(data.get("posts_authors"), "post_id", "author_id")
    authors_used: list[str] = []
    for post in data["posts"]:
        if post.get("author_id") and not post_authors.get(post["id"]):
            post_authors[post["id"]] = [post["author_id"]]  # Ghost 1: one author, on the post
        story = _story(post, tags, post_tags, post_authors, meta.get(post["id"]) or {}, export)
        if story is not None:
            export.stories.append(story)
            authors_used.extend(a for a in story.authors if a not in authors_used)
    export.people = [_person(users[a]) for a in authors_used if a in users]
    export.members = _members(data, export.skipped)
    return export


def _grouped(rows, key: str, value: str) -> dict[str, list[str]]:
    """``{post_id: [tag_id, …]}`` in the export's sort order (Ghost's first is the primary)."""
    ordered = sorted(rows or [], key=lambda r: r.get("sort_order") or 0)
    grouped: dict[str, list[str]] = {}
    for row in ordered:
        grouped.setdefault(row[key], []).append(row[value])
    return grouped


def _story(post, tags, post_tags, post_authors, meta, export: Export) -> Story | None:
    title = post.get("title") or ""
    kind = post.get("type") or ("page" if post.get("page") else "post")  # Ghost 1, 2: "page"
    if kind != "post":
        export.skipped.append(Skipped(kind, post["id"], title, "a page, not a story"))
        return None
    status = STATUSES.get(post.get("status") or "")
    if status is None:
        reason = f"unknown status “{post.get('status')}”"
        export.skipped.append(Skipped("post", post["id"], title, reason))
        return None
    body = _body(post)
    if not body:
        reason = "no body: neither html nor a Lexical or Mobiledoc document"
        export.skipped.append(Skipped("post", post["id"], title, reason))
        return None
    public_tags = [
        tags[t]["name"]
        for t in post_tags.get(post["id"], [])
        if t in tags
        and tags[t].get("name")
        and tags[t].get("visibility", "public") == "public"
        and not tags[t]["name"].startswith("#")
    ]
    body, media = _localised(body)
    hero = _hero(post, meta)
    return Story(
        source=SOURCE,
        source_id=post["id"],
        title=title,
        slug=post.get("slug") or "",
        body_html=body,
        status=status,
        standfirst=post.get("custom_excerpt") or "",
        published_at=_when(post.get("published_at")),
        modified_at=_when(post.get("updated_at")),
        section=public_tags[0] if public_tags else "",
        topics=public_tags[1:],
        authors=post_authors.get(post["id"], []),
        hero=hero,
        access=Access.FREE if post.get("visibility") == FREE_VISIBILITY else Access.METERED,
        old_paths=[f"/{post['slug']}/"] if post.get("slug") else [],
        media=media,
    )


def _body(post: dict) -> str:
    if (post.get("html") or "").strip():
        return post["html"]
    try:
        if post.get("lexical"):
            return render_lexical(post["lexical"]).strip()
        if post.get("mobiledoc"):
            return render_mobiledoc(post["mobiledoc"]).strip()
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return ""  # an editor document we cannot read is no body
    return ""


def content_path(url: str) -> str:
    """Where a Ghost content URL's file is under the content folder ("" if it is not one)."""
    match = CONTENT_URL.search(url or "")
    if not match:
        return ""
    return _SIZE.sub("images/", match.group(1))


def _localised(body: str) -> tuple[str, dict[str, str]]:
    """The body with Ghost's own address made root-relative, and the content files it uses."""
    body = body.replace(GHOST_URL, "")
    media = {}
    for match in OWN_CONTENT_URL.finditer(body):
        url = match.group(0)
        media[url] = content_path(url)
    return body, media


def _hero(post: dict, meta: dict) -> Picture | None:
    url = post.get("feature_image") or ""
    if not url:
        return None
    # An image Ghost did not keep (Unsplash, Ghost's own sample) has no file: path "".
    return Picture(
        path=content_path(url),
        url=url,
        alt=meta.get("feature_image_alt") or "",
        caption=_text(meta.get("feature_image_caption") or ""),
    )


def _text(html: str) -> str:
    return " ".join(unescape(_TAG.sub("", html)).split())


def _when(value) -> datetime | None:
    """Ghost writes ISO 8601 in UTC ("2024-05-01T10:00:00.000Z"); older exports, SQL datetimes."""
    if not value:
        return None
    if isinstance(value, int | float):  # milliseconds, in some very old exports
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _person(user: dict) -> Person:
    return Person(
        source_id=user["id"],
        name=user.get("name") or user.get("slug") or "",
        slug=user.get("slug") or "",
        email=user.get("email") or "",
        bio=user.get("bio") or "",
    )


def _members(data: dict, skipped: list[Skipped]) -> list[Member]:
    customers = _grouped(data.get("members_stripe_customers"), "member_id", "customer_id")
    subscriptions: dict[str, list[dict]] = {}
    for row in data.get("members_stripe_customers_subscriptions") or []:
        subscriptions.setdefault(row["customer_id"], []).append(row)
    has_newsletters = "newsletters" in data
    newsletters = {n["id"]: n.get("slug") or n.get("name") for n in data.get("newsletters") or []}
    chosen = _grouped(data.get("members_newsletters"), "member_id", "newsletter_id")
    expiries: dict[str, list] = {}
    for row in data.get("members_products") or []:
        expiries.setdefault(row["member_id"], []).append(row.get("expiry_at"))
    members = []
    for row in data.get("members") or []:
        email = (row.get("email") or "").strip()
        customer_ids = customers.get(row["id"], [])
        held = [s for c in customer_ids for s in subscriptions.get(c, [])]
        status = row.get("status") or ("free" if "status" in row else _ghost3_status(held))
        if status not in MemberStatus.__members__.values():
            reason = (
                f"unknown member status “{status}”: not imported, so no paid reader becomes free"
            )
            skipped.append(Skipped("member", row["id"], email, reason))
            continue
        if not email:
            skipped.append(Skipped("member", row["id"], "", "no email address"))
            continue
        chose = [newsletters[n] for n in chosen.get(row["id"], []) if n in newsletters]
        if not has_newsletters and row.get("subscribed"):
            chose = [DEFAULT_NEWSLETTER]
        members.append(
            Member(
                source_id=row["id"],
                email=email,
                name=row.get("name") or "",
                status=MemberStatus(status),
                created_at=_when(row.get("created_at")),
                stripe_customer_id=customer_ids[0] if customer_ids else "",
                stripe_subscription_ids=[s["subscription_id"] for s in held],
                comped_until=_comp_end(expiries.get(row["id"], []))
                if status == MemberStatus.COMPED
                else None,
                newsletters=chose,
                email_disabled=bool(row.get("email_disabled")),
            )
        )
    return members


def _ghost3_status(subscriptions: list[dict]) -> str:
    """A Ghost 3 member's status, which Ghost then read from their Stripe subscriptions."""
    live = [s for s in subscriptions if s.get("status") in LIVE_SUBSCRIPTION]
    if not live:
        return MemberStatus.FREE
    if all(s.get("plan_nickname") == "Complimentary" or s.get("plan_amount") == 0 for s in live):
        return MemberStatus.COMPED
    return MemberStatus.PAID


def _comp_end(expiries: list) -> datetime | None:
    """The latest end of a member's complimentary tiers; None when any of them has no end."""
    if not expiries or any(e is None for e in expiries):
        return None
    return max(_when(e) for e in expiries)
