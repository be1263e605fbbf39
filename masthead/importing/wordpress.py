"""Reads a WordPress export (WXR, "Tools > Export > All content") into import records.

The file is read as a stream, 64 KB and one ``<item>`` at a time (comments dropped
as they are read), so an export of several hundred megabytes is read in one pass
with little memory; defusedxml refuses entity tricks a hostile file could hold.
WXR 1.0 to 1.2 are read whichever namespace URIs the file binds ``wp:`` and
``excerpt:`` to (WordPress.com and the theme-unit-test data write https). A file
cut short, one not in UTF-8 and one that is not an export are each refused with
their own message naming the line. Pictures may come after the posts that use them,
so heroes and the media map are filled in once the whole file has been read.

How the export maps onto the records:

- ``post`` items become stories; attachments become pictures; everything else
  (pages, menu items, reusable blocks, revisions, trashed posts, auto-drafts) is
  named in ``skipped`` with the reason.
- status: publish is live, draft and pending are drafts, future is scheduled,
  private and password-protected posts are private.
- dates: ``post_date_gmt`` in UTC (drafts have none: ``post_date`` read as UTC),
  last updated from ``post_modified_gmt``.
- section: the primary category Yoast SEO or Rank Math recorded, else the first
  category that is not "Uncategorized" (WordPress lists a post's categories by
  name); none: "", and the writer picks one. The other categories and every tag
  become topics.
- a picture's alt text is ``_wp_attachment_image_alt``, its caption the
  attachment's Caption (excerpt), its credit the attachment's Description (the
  field papers use for it, WordPress having none) or else the IPTC credit
  WordPress read from the file.
- old paths: the post's permalink path and ``/?p=ID`` (percent-decoded, no host),
  so old links can be sent to the new page.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .records import Export, ExportUnreadable, Person, Picture, Skipped, Status, Story
from .wp_text import galleries, post_html

SOURCE = "wordpress"
STATUSES = {
    "publish": Status.LIVE,
    "draft": Status.DRAFT,
    "pending": Status.DRAFT,
    "future": Status.SCHEDULED,
    "private": Status.PRIVATE,
}
SKIPPED_TYPES = {
    "page": "pages are not stories",
    "nav_menu_item": "menu items are the old site's navigation",
    "wp_block": "reusable blocks are pieces of other posts",
    "revision": "revisions are earlier versions of a post",
}
# expat's codes for a document that stops part-way.
_ENDS_EARLY = {3, 5, 6, 20}
_INVALID_TOKEN = 4
_CHUNK = 1 << 16  # bytes read at a time: memory stays small whatever the file's size
_TAG = re.compile(r"^\{(?P<uri>[^}]*)\}(?P<local>.*)$")
_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated|e\d{10,})(?=\.[A-Za-z0-9]+$)")
_HTML_TAG = re.compile(r"<[^>]+>")
_URL_STOPS = frozenset(" \t\n\"'<>=,(")


@dataclasses.dataclass
class _Item:
    """A story on its way: what can only be settled once every picture is known."""

    story: Story
    thumbnail_id: str


def read_export(path: Path) -> Export:
    """Every story, person and picture the WordPress export at ``path`` holds."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            raise ExportUnreadable("This is not a WordPress export (WXR): the file is empty")
        with path.open("rb") as stream:
            return _read(stream)
    except ParseError as error:
        raise ExportUnreadable(_parse_error_message(path, error)) from error
    except DefusedXmlException as error:
        raise ExportUnreadable(
            f"This is not a WordPress export (WXR): it declares XML entities or a DTD ({error})"
        ) from error
    except OSError as error:
        raise ExportUnreadable(f"The export cannot be opened: {error.strerror}") from error


def _events(stream):
    """``(event, element or namespace, line)`` for the file, read a chunk at a time.

    Like ``iterparse``, with the line each element starts on (for messages) and
    the namespaces the file declares ("start-ns").
    """
    parser = DefusedXMLParser(target=TreeBuilder())
    pull = XMLPullParser(events=("start-ns", "start", "end"), _parser=parser)
    expat = parser.parser
    lines: deque[int] = deque()
    started = expat.StartElementHandler

    def start(tag, attributes):
        lines.append(expat.CurrentLineNumber)
        return started(tag, attributes)

    expat.StartElementHandler = start
    while chunk := stream.read(_CHUNK):
        pull.feed(chunk)
        for event, value in pull.read_events():
            yield event, value, lines.popleft() if event == "start" else 0
    pull.close()
    for event, value in pull.read_events():
        yield event, value, lines.popleft() if event == "start" else 0


def _read(stream) -> Export:
    export = Export(source=SOURCE)
    pictures: dict[str, Picture] = {}
    items: list[_Item] = []
    categories: dict[str, str] = {}  # term id -> name, for primary categories
    names = _Names()
    wxr_version = ""
    depth = 0
    channel: Element | None = None
    item: Element | None = None
    channel_line = item_line = 0
    for event, element, line in _events(stream):
        if event == "start-ns":
            names.declare(*element)
            continue
        if event == "start":
            depth += 1
            if depth == 1 and names(element.tag) != "rss":
                raise ExportUnreadable(
                    "This is not a WordPress export (WXR): its first element is "
                    f"<{names(element.tag)}> (line {line}), not <rss>"
                )
            if depth == 2 and names(element.tag) == "channel":
                channel, channel_line = element, line
            if depth == 3:
                item, item_line = element, line
            continue
        depth -= 1
        if depth == 3 and names(element.tag) == "wp:comment":
            item.remove(element)  # comments are not imported: a post with thousands costs nothing
            continue
        if depth != 2 or channel is None:
            continue
        name = names(element.tag)
        if name == "wp:wxr_version":
            wxr_version = _text(element)
        elif name in ("wp:base_blog_url", "link") and not export.site_url:
            export.site_url = _text(element).rstrip("/")
        elif name == "wp:author":
            export.people.append(_person(element, names))
        elif name == "wp:category":
            values = {names(child.tag): _text(child) for child in element}
            categories[values.get("wp:term_id", "")] = html.unescape(values.get("wp:cat_name", ""))
        elif name == "item":
            if not wxr_version:
                raise ExportUnreadable(
                    "This is not a WordPress export (WXR): it is a feed without "
                    f"WordPress's wp:wxr_version (its first <item> is on line {item_line})"
                )
            _item(element, names, export, pictures, items, categories)
        channel.remove(element)
    if channel is None:
        raise ExportUnreadable(
            "This is not a WordPress export (WXR): its <rss> has no <channel> (line 1 to the end)"
        )
    if not wxr_version:
        raise ExportUnreadable(
            "This is not a WordPress export (WXR): it has no wp:wxr_version, which "
            f"WordPress writes at the top of every export (its <channel> starts on line "
            f"{channel_line})"
        )
    _settle(items, pictures, export)
    return export


def _item(
    element: Element,
    names: _Names,
    export: Export,
    pictures: dict,
    items: list[_Item],
    category_names: dict,
) -> None:
    fields: dict[str, str] = {}
    meta: dict[str, str] = {}
    categories: list[tuple[str, str, str]] = []  # (domain, nicename, name)
    for child in element:
        name = names(child.tag)
        if name == "category":
            domain = child.get("domain", "")
            domain = "post_tag" if domain == "tag" else domain  # WXR 1.0's name for tags
            if domain:  # WXR 1.0 repeats each category without a domain: the old form
                categories.append((domain, child.get("nicename", ""), _text(child)))
        elif name == "wp:postmeta":
            key = value = ""
            for part in child:
                if names(part.tag) == "wp:meta_key":
                    key = _text(part)
                elif names(part.tag) == "wp:meta_value":
                    value = _text(part)
            meta.setdefault(key, value)
        elif name != "wp:comment":
            fields[name] = _text(child)
    post_id = fields.get("wp:post_id", "") or _stand_in_id(fields)
    post_type = fields.get("wp:post_type", "post")
    title = html.unescape(fields.get("title", ""))
    if post_type == "attachment":
        picture = _picture(fields, meta)
        if picture:
            pictures[post_id] = picture
        return
    if post_type != "post":
        reason = SKIPPED_TYPES.get(post_type, f"WordPress {post_type} items are not stories")
        export.skipped.append(Skipped(post_type, post_id, title, reason))
        return
    wp_status = fields.get("wp:status", "")
    status = STATUSES.get(wp_status)
    if status is None:
        reason = {
            "trash": "it was in WordPress's trash",
            "auto-draft": "it is an auto-draft nobody saved",
        }.get(wp_status, f"its status is {wp_status or 'missing'}")
        export.skipped.append(Skipped("post", post_id, title, reason))
        return
    if fields.get("wp:post_password") and status in (Status.LIVE, Status.SCHEDULED):
        status = Status.PRIVATE
    body = post_html(fields.get("content:encoded", ""))
    for shortcode in body.removed:
        export.skipped.append(_left_out(post_id, title, shortcode))
    primary = meta.get("_yoast_wpseo_primary_category") or meta.get("rank_math_primary_category")
    section, topics = _section_and_topics(categories, category_names.get(primary or "", ""))
    creator = fields.get("dc:creator", "")
    story = Story(
        source=SOURCE,
        source_id=post_id,
        title=title,
        slug=unquote(fields.get("wp:post_name", "")),
        body_html=body.html,
        status=status,
        standfirst=plain_text(fields.get("excerpt:encoded", "")),
        published_at=_date(fields.get("wp:post_date_gmt")) or _date(fields.get("wp:post_date")),
        modified_at=_date(fields.get("wp:post_modified_gmt"))
        or _date(fields.get("wp:post_modified")),
        section=section,
        topics=topics,
        authors=[creator] if creator else [],
        old_paths=_old_paths(fields.get("link", ""), fields.get("guid", ""), post_id),
    )
    items.append(_Item(story, meta.get("_thumbnail_id", "")))


def _stand_in_id(fields: dict[str, str]) -> str:
    """An id for an item written without wp:post_id (hand-made files such as theme previews).

    The ``?p=`` number of its guid or link when it has one, else the guid or link
    itself: the same on every run, so importing the file again duplicates nothing.
    """
    for address in (fields.get("guid", ""), fields.get("link", "")):
        number = re.fullmatch(r"p=(\d+)", urlsplit(address).query)
        if number:
            return number[1]
    return fields.get("guid") or fields.get("link") or fields.get("title", "")


def _left_out(post_id: str, title: str, shortcode: str) -> Skipped:
    return Skipped("shortcode", post_id, title, f"{shortcode} has no text and was left out")


def _settle(items: list[_Item], pictures: dict[str, Picture], export: Export) -> None:
    """Heroes, the body's media and authors the export names but does not describe."""
    find_media = _media_finder(pictures.values())
    known_people = {person.source_id for person in export.people}
    for item in items:
        story = item.story
        hero = pictures.get(item.thumbnail_id)
        if hero:
            story.hero = dataclasses.replace(hero)
        if "[gallery" in story.body_html:
            body = galleries(story.body_html, pictures)
            story.body_html = body.html
            for shortcode in body.removed:
                export.skipped.append(_left_out(story.source_id, story.title, shortcode))
        story.media = find_media(story.body_html)
        for login in story.authors:
            if login not in known_people:
                export.people.append(Person(source_id=login, name=login))
                known_people.add(login)
        export.stories.append(story)


def _media_finder(pictures):
    """A function from body HTML to {URL as written: file under the media dir}.

    A body names a picture by its address under the uploads folder, often a size
    WordPress made from it (``harbour-300x200.jpg``) or its pre-scaling original: each
    such address is mapped to the picture's own file.
    """
    files: dict[str, str] = {}
    bases: set[tuple[str, str]] = set()
    for picture in pictures:
        files.setdefault(picture.path, picture.path)
        files.setdefault(_SIZE_SUFFIX.sub("", picture.path), picture.path)
        if picture.url.endswith(picture.path):
            base = urlsplit(picture.url[: -len(picture.path)])
            bases.add((base.netloc, base.path))
    if not bases:
        return lambda body: {}
    # Each search starts from a literal (the uploads folder), which re finds quickly;
    # the address's start is then found by looking back from it.
    searches = []
    for host, base_path in sorted(bases):
        literal = base_path if len(base_path) > 1 else host + base_path
        prefix = re.compile(rf"(?:https?:)?//(?:i\d\.wp\.com/)?{re.escape(host)}", re.IGNORECASE)
        if literal != base_path:
            prefix = re.compile(r"(?:https?:)?//(?:i\d\.wp\.com/)?", re.IGNORECASE)
        relative_allowed = literal == base_path
        pattern = re.compile(rf"{re.escape(literal)}([^\s\"'<>?#,]+)(?:\?[^\s\"'<>#,]*)?")
        searches.append((pattern, prefix, relative_allowed))

    def find(body: str) -> dict[str, str]:
        found = {}
        for pattern, prefix, relative_allowed in searches:
            for match in pattern.finditer(body):
                start = match.start()
                while start and body[start - 1] not in _URL_STOPS:
                    start -= 1
                before = body[start : match.start()]
                if not (prefix.fullmatch(before) or (relative_allowed and not before)):
                    continue
                path = unquote(match[1])
                file = files.get(path) or files.get(_SIZE_SUFFIX.sub("", path))
                if file:
                    written = body[start : match.end()]
                    found[written] = file
                    # An HTML parser hands the writer the address with &amp; undone.
                    found[html.unescape(written)] = file
        return found

    return find


def _picture(fields: dict[str, str], meta: dict[str, str]) -> Picture | None:
    url = fields.get("wp:attachment_url") or fields.get("guid", "")
    path = meta.get("_wp_attached_file", "")
    if not path and "/uploads/" in url:
        path = unquote(urlsplit(url).path.split("/uploads/", 1)[1])
    if not path:
        return None
    credit = plain_text(fields.get("content:encoded", "")) or _iptc_credit(
        meta.get("_wp_attachment_metadata", "")
    )
    return Picture(
        path=path,
        url=url,
        alt=html.unescape(meta.get("_wp_attachment_image_alt", "")).strip(),
        caption=plain_text(fields.get("excerpt:encoded", "")),
        credit=credit,
    )


def _iptc_credit(serialized: str) -> str:
    """The credit WordPress read from the picture's IPTC data (PHP-serialized metadata)."""
    marker = 's:6:"credit";s:'
    start = serialized.find(marker)
    if start == -1:
        return ""
    start += len(marker)
    length_end = serialized.find(':"', start)
    if length_end == -1 or not serialized[start:length_end].isdigit():
        return ""
    size = int(serialized[start:length_end])  # PHP counts bytes, not characters
    value = serialized[length_end + 2 :].encode("utf-8")[:size]
    return value.decode("utf-8", errors="ignore").strip()


def _person(element: Element, names: _Names) -> Person:
    values = {names(child.tag): _text(child) for child in element}
    login = values.get("wp:author_login", "")
    full_name = " ".join(
        part
        for part in (values.get("wp:author_first_name"), values.get("wp:author_last_name"))
        if part
    )
    return Person(
        source_id=login,
        name=html.unescape(values.get("wp:author_display_name") or full_name or login),
        email=values.get("wp:author_email", ""),
    )


def _section_and_topics(
    categories: list[tuple[str, str, str]], primary: str = ""
) -> tuple[str, list[str]]:
    names = {html.unescape(name).strip() for domain, _, name in categories if domain == "category"}
    section = primary.strip() if primary.strip() in names else ""
    topics: list[str] = []
    for domain, nicename, name in categories:
        name = html.unescape(name).strip()
        if domain == "category":
            if nicename == "uncategorized" or name.casefold() == "uncategorized":
                continue
            if not section:
                section = name
                continue
        elif domain != "post_tag":
            continue
        if name and name != section and name not in topics:
            topics.append(name)
    return section, topics


def _old_paths(link: str, guid: str, post_id: str) -> list[str]:
    paths = []
    permalink = urlsplit(link)
    if permalink.path not in ("", "/") and not permalink.query:
        path = unquote(permalink.path)
        paths.append(path if path.endswith("/") else path + "/")
    for address in (link, guid):
        parts = urlsplit(address)
        if re.fullmatch(r"p=\d+", parts.query):
            paths.append(f"{unquote(parts.path) or '/'}?{parts.query}")
    if post_id:
        paths.append(f"/?p={post_id}")
    return list(dict.fromkeys(paths))


def _date(value: str | None) -> datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=UTC)
    except ValueError:
        return None


def plain_text(value: str) -> str:
    """HTML as the words a reader sees, on one line."""
    return " ".join(html.unescape(_HTML_TAG.sub(" ", value)).split())


class _Names:
    """Tags as ``wp:post_id``, whichever namespace URI the file binds each prefix to.

    WordPress has written ``http://wordpress.org/export/1.0/`` to ``…/1.2/``;
    WordPress.com and the theme-unit-test data write ``https://``; some tools drop
    the trailing slash. Like WordPress's own importer, the prefix the file
    declares decides (``xmlns:wp="…"``), and any WXR address is known whatever
    prefix it comes under.
    """

    PREFIXES = ("wp", "excerpt", "content", "dc")

    def __init__(self):
        self._by_uri: dict[str, str] = {}
        self._known: dict[str, str] = {}

    def declare(self, prefix: str, uri: str) -> None:
        if prefix in self.PREFIXES and uri not in self._by_uri:
            self._by_uri[uri] = prefix
            self._known.clear()

    def __call__(self, tag: str) -> str:
        known = self._known.get(tag)
        if known is None:
            known = self._known[tag] = self._name(tag)
        return known

    def _name(self, tag: str) -> str:
        match = _TAG.match(tag)
        if not match:
            return tag
        uri, local = match["uri"], match["local"]
        prefix = self._by_uri.get(uri) or _WELL_KNOWN.get(_bare(uri))
        if prefix is None and _WXR.fullmatch(_bare(uri)):
            prefix = "excerpt" if _bare(uri).endswith("/excerpt") else "wp"
        return f"{prefix}:{local}" if prefix else local


def _bare(uri: str) -> str:
    """A namespace URI without its scheme or trailing slash, to compare forms of one address."""
    return re.sub(r"^https?://", "", uri.strip()).rstrip("/").casefold()


_WXR = re.compile(r"wordpress\.org/export/\d+\.\d+(?:/excerpt)?")
_WELL_KNOWN = {
    "purl.org/rss/1.0/modules/content": "content",
    "purl.org/dc/elements/1.1": "dc",
}


def _text(element: Element) -> str:
    return element.text or ""


def _parse_error_message(path: Path, error: ParseError) -> str:
    line, column = error.position
    if error.code in _ENDS_EARLY:
        return (
            f"The file ends before the export does (line {line}): it was cut short, "
            "perhaps while uploading or downloading; export it again from WordPress"
        )
    if line == 1 and column == 0:
        return f"This is not a WordPress export (WXR): it is not XML (line 1){_other_kind(path)}"
    if error.code == _INVALID_TOKEN and not _line_is_utf8(path, line):
        return (
            f"The file is not in the UTF-8 encoding it declares (line {line}): "
            "save it again as UTF-8, or export it again from WordPress"
        )
    return f"The export is not well-formed XML (line {line}, column {column}): {error}"


def _other_kind(path: Path) -> str:
    """A hint when the file is plainly another kind of export."""
    with path.open("rb") as stream:
        start = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"{", b"[")):
        return ", but JSON; a Ghost export is imported with: masthead import ghost FILE"
    return ""


def _line_is_utf8(path: Path, line: int) -> bool:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if number == line:
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return False
                return True
    return True
