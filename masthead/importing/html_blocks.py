"""An old post's HTML as article body blocks, losing no words a reader could read.

The HTML is first cleaned by nh3 (scripts, styles, comments, event handlers
and unsafe links go; unknown tags give up their text), then walked block by
block into the shapes ``ArticleBodyBlock`` holds:

- ``p`` and loose text become paragraphs (bold, italic and links kept); text
  with blank lines but no ``p`` (WordPress's classic editor) is split there;
- ``h1``–``h6`` become subheadings, or a bold paragraph when longer than a
  subheading may be;
- ``blockquote`` becomes a quote, its ``cite`` or ``footer`` the attribution;
- lists become one paragraph each, an item a line ("• " or "1. ", nested
  items indented): a paragraph holds bold, italic and links only, and a list
  kept as one paragraph counts once towards the paywall's teaser;
- ``img`` and ``figure`` become image blocks carrying an :class:`ImageRef`,
  which the writer turns into a library image (or drops, reporting it);
- a YouTube or Vimeo ``iframe``, a ``figure`` of class ``embed`` and a
  paragraph that is only the link of a known oEmbed provider become embeds;
  an ``iframe`` from anywhere else is dropped and noted;
- everything else (tables, definition lists, code) is reduced to text.

WordPress shortcodes are read first: ``[caption]`` becomes a figure,
``[embed]`` and ``[youtube]`` an embed; any other shortcode stays as text.
Nothing here touches the database.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from html import escape, unescape
from urllib.parse import parse_qs, urlparse

import nh3
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

# A paragraph that is only a link is normal here (an oEmbed URL on its own line).
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

SUBHEADING_MAX = 120

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "cite", "footer", "ul", "ol", "li", "figure", "figcaption", "img",
    "iframe", "div", "section", "article", "pre", "code", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd", "hr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "iframe": {"src"},
    "figure": {"class"},
    "blockquote": {"class"},
    "div": {"class"},
}
# Hosts whose links Wagtail's embed finders turn into players.
OEMBED_HOSTS = {
    "youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com", "instagram.com",
    "soundcloud.com", "open.spotify.com", "spotify.com", "tiktok.com", "flickr.com",
    "facebook.com", "dailymotion.com", "ted.com",
}  # fmt: skip
CONTAINERS = {"div", "section", "article", "span", "code", "tbody", "thead", "tfoot"}
INLINE = {"b", "strong", "i", "em", "a", "br", "span", "code", "cite", "img"}
BULLETS = ("•", "◦", "▪")
INDENT = "\u00a0\u00a0\u00a0\u00a0"


@dataclass(frozen=True)
class ImageRef:
    """A picture the body names by URL; the writer finds its file and makes it an image."""

    src: str
    alt: str = ""


@dataclass
class Converted:
    blocks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was dropped, for the report


def html_to_blocks(html: str) -> Converted:
    """The body blocks for ``html``; image blocks hold an ImageRef in ``value["image"]``."""
    result = Converted()
    cleaned = sanitise(expand_shortcodes(html or ""))
    soup = BeautifulSoup(cleaned, "html.parser")
    _walk(soup, result)
    return result


def sanitise(html: str) -> str:
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None, strip_comments=True
    )


# -- shortcodes ---------------------------------------------------------------------------

_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
_CAPTION_ATTR = re.compile(r'caption="([^"]*)"', re.I)
_EMBED = re.compile(r"\[embed[^\]]*\]\s*(\S+?)\s*\[/embed\]", re.I)
_YOUTUBE = re.compile(r"\[youtube[= ]\s*([^\]\s]+)[^\]]*\]", re.I)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)


def expand_shortcodes(html: str) -> str:
    """The shortcodes a body is read from as HTML; unknown ones are left as they stand."""

    def caption(match: re.Match) -> str:
        attrs, inner = match.group(1), match.group(2)
        image = _IMG_TAG.search(inner)
        if image is None:
            return inner
        text = _IMG_TAG.sub("", inner)
        text = re.sub(r"</?a\b[^>]*>", "", text).strip()
        if not text:
            named = _CAPTION_ATTR.search(attrs)
            text = named.group(1) if named else ""
        return f"<figure>{image.group(0)}<figcaption>{text}</figcaption></figure>"

    html = _CAPTION.sub(caption, html)
    html = _EMBED.sub(lambda m: f'<figure class="embed">{m.group(1)}</figure>', html)
    return _YOUTUBE.sub(lambda m: f'<figure class="embed">{m.group(1)}</figure>', html)


# -- embeds -------------------------------------------------------------------------------


def _host(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host.removeprefix("m.")


def embed_url(url: str) -> str | None:
    """The page address of a player (YouTube, Vimeo, Spotify …), or None if it is not one."""
    url = url.strip()
    if not url.startswith(("http://", "https://", "//")):
        return None
    if url.startswith("//"):
        url = "https:" + url
    host = _host(url)
    path = urlparse(url).path
    if host in {"youtube.com", "youtube-nocookie.com"} and path.startswith("/embed/"):
        video = path.removeprefix("/embed/").strip("/")
        return f"https://www.youtube.com/watch?v={video}" if video else None
    if host == "player.vimeo.com" and path.startswith("/video/"):
        return f"https://vimeo.com/{path.removeprefix('/video/').strip('/')}"
    if host == "open.spotify.com" and path.startswith("/embed/"):
        return f"https://open.spotify.com/{path.removeprefix('/embed/')}"
    if host in OEMBED_HOSTS or any(host.endswith("." + known) for known in OEMBED_HOSTS):
        if host == "youtube.com" and path == "/watch" and not parse_qs(urlparse(url).query):
            return None
        return url
    return None


# -- inline text --------------------------------------------------------------------------

# ASCII whitespace only: a no-break space is meant (it indents nested list items).
_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def inline_html(node: Tag, *, keep_newlines: bool = False) -> str:
    """The node's content as paragraph rich text: bold, italic, links and line breaks."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            text = str(child)
            lines = text.split("\n") if keep_newlines else [text]
            parts.append("<br/>".join(escape(_SPACE.sub(" ", line), quote=False) for line in lines))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            parts.append("<br/>")
        elif name == "img":
            continue  # pictures are taken out by the block walker
        elif name in {"b", "strong"}:
            parts.append(_wrap("b", inline_html(child, keep_newlines=keep_newlines)))
        elif name in {"i", "em", "cite"}:
            parts.append(_wrap("i", inline_html(child, keep_newlines=keep_newlines)))
        elif name == "a" and child.get("href"):
            content = inline_html(child, keep_newlines=keep_newlines)
            if content.strip():
                parts.append(f'<a href="{escape(child["href"])}">{content}</a>')
        else:
            inner = inline_html(child, keep_newlines=keep_newlines)
            # A block inside inline text (a <p> in a list item) still separates words.
            parts.append(inner if name in INLINE else f" {inner} ")
    return "".join(parts)


def _wrap(tag: str, content: str) -> str:
    return f"<{tag}>{content}</{tag}>" if content.strip() else content


def _tidy(html: str) -> str:
    html = _SPACE.sub(" ", html)
    html = re.sub(r" ?<br/> ?", "<br/>", html).strip(" ")
    while html.startswith("<br/>"):
        html = html[5:].lstrip(" ")
    while html.endswith("<br/>"):
        html = html[:-5].rstrip(" ")
    return html


_TAGS = re.compile(r"<[^>]+>")


def _text(node: Tag) -> str:
    return _SPACE.sub(" ", node.get_text(" ")).strip()


# -- blocks -------------------------------------------------------------------------------


def _paragraph(result: Converted, html: str) -> None:
    html = _tidy(html)
    if unescape(_TAGS.sub("", html)).strip():
        result.blocks.append({"type": "paragraph", "value": f"<p>{html}</p>"})


def _image(result: Converted, img: Tag, caption: str = "") -> None:
    src = (img.get("src") or "").strip()
    if not src:
        return
    ref = ImageRef(src=src, alt=_SPACE.sub(" ", img.get("alt") or "").strip())
    result.blocks.append({"type": "image", "value": {"image": ref, "caption": caption}})


def _embed(result: Converted, url: str) -> None:
    result.blocks.append({"type": "embed", "value": url})


def _walk(node: Tag, result: Converted) -> None:
    run: list = []  # loose inline content waiting to become paragraphs
    for child in list(node.children):
        if isinstance(child, NavigableString) or (isinstance(child, Tag) and child.name in INLINE):
            if isinstance(child, Tag) and child.name == "img":
                _flush(run, result)
                _image(result, child)
                continue
            run.append(child)
            continue
        _flush(run, result)
        if isinstance(child, Tag):
            _block(child, result)
    _flush(run, result)


def _flush(run: list, result: Converted) -> None:
    """Loose text and inline tags: paragraphs split at blank lines, as WordPress's autop does."""
    if not run:
        return
    html = "".join(str(piece) for piece in run)
    run.clear()
    for chunk in re.split(r"\n\s*\n", html):
        if not chunk.strip():  # the line breaks between blocks
            continue
        fragment = BeautifulSoup(chunk, "html.parser")
        for img in fragment.find_all("img"):
            _image(result, img)
        text = fragment.get_text().strip()
        url = embed_url(text) if text and " " not in text else None
        if url and not fragment.find("img"):
            _embed(result, url)
        else:
            _paragraph(result, inline_html(fragment, keep_newlines=True))


def _block(tag: Tag, result: Converted) -> None:
    name = tag.name
    if name == "p":
        _p(tag, result)
    elif name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        text = _text(tag)
        if len(text) <= SUBHEADING_MAX:
            if text:
                result.blocks.append({"type": "subheading", "value": text})
        else:
            _paragraph(result, f"<b>{_tidy(inline_html(tag))}</b>")
    elif name == "blockquote":
        _blockquote(tag, result)
    elif name in {"ul", "ol"}:
        lines = _list_lines(tag, depth=0)
        _paragraph(result, "<br/>".join(lines))
    elif name == "figure":
        _figure(tag, result)
    elif name == "iframe":
        _iframe(tag, result)
    elif name == "pre":
        _paragraph(result, inline_html(tag, keep_newlines=True))
    elif name == "table":
        for row in tag.find_all("tr"):
            cells = [inline_html(cell) for cell in row.find_all(["td", "th"])]
            _paragraph(result, " | ".join(cell.strip() for cell in cells if cell.strip()))
        caption = tag.find("caption")
        if caption:
            _paragraph(result, inline_html(caption))
    elif name == "hr":
        return
    elif name in CONTAINERS or name in {"footer", "dl", "figcaption"}:
        _walk(tag, result)
    else:  # li, dt, dd, caption, tr, td … out of place: their words still count
        _paragraph(result, inline_html(tag))


def _p(tag: Tag, result: Converted) -> None:
    for img in tag.find_all("img"):
        _image(result, img)
    for iframe in tag.find_all("iframe"):
        _iframe(iframe, result)
        iframe.decompose()
    text = _text(tag)
    url = embed_url(text) if text and " " not in text else None
    if url:
        _embed(result, url)
    else:
        _paragraph(result, inline_html(tag))


def _blockquote(tag: Tag, result: Converted) -> None:
    classes = " ".join(tag.get("class") or [])
    if "twitter-tweet" in classes or "instagram-media" in classes:
        for link in reversed(tag.find_all("a", href=True)):
            url = embed_url(link["href"])
            if url:
                _embed(result, url)
                return
    attribution = ""
    for source in tag.find_all(["cite", "footer"]):
        attribution = attribution or _text(source).lstrip("—–- ").strip()
        source.decompose()
    paragraphs = [_text(p) for p in tag.find_all("p")] or [_text(tag)]
    text = "\n\n".join(p for p in paragraphs if p)
    if text:
        result.blocks.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
    elif attribution:
        _paragraph(result, escape(attribution))


def _list_lines(tag: Tag, depth: int) -> list[str]:
    lines: list[str] = []
    number = 0
    for item in tag.find_all("li", recursive=False):
        number += 1
        nested = [child for child in item.find_all(["ul", "ol"]) if child.find_parent("li") is item]
        for child in nested:
            child.extract()
        marker = f"{number}." if tag.name == "ol" else BULLETS[min(depth, len(BULLETS) - 1)]
        text = _tidy(inline_html(item))
        if text:
            lines.append(f"{INDENT * depth}{marker} {text}")
        for child in nested:
            lines += _list_lines(child, depth + 1)
    return lines


def _figure(tag: Tag, result: Converted) -> None:
    caption_tag = tag.find("figcaption")
    caption = _text(caption_tag) if caption_tag else ""
    if caption_tag:
        caption_tag.extract()
    classes = " ".join(tag.get("class") or [])
    if "embed" in classes:
        iframe = tag.find("iframe")
        candidates = [iframe.get("src", "")] if iframe else []
        candidates += [a["href"] for a in tag.find_all("a", href=True)]
        candidates += _text(tag).split()
        for candidate in candidates:
            url = embed_url(candidate)
            if url:
                _embed(result, url)
                if caption:
                    _paragraph(result, escape(caption, quote=False))
                return
    images = tag.find_all("img")
    if images:
        for img in images:
            _image(result, img, caption if len(images) == 1 else "")
        if len(images) > 1 and caption:
            _paragraph(result, escape(caption, quote=False))
        return
    _walk(tag, result)
    if caption:
        _paragraph(result, escape(caption, quote=False))


def _iframe(tag: Tag, result: Converted) -> None:
    src = tag.get("src") or ""
    url = embed_url(src)
    if url:
        _embed(result, url)
    else:
        result.notes.append(f"an embedded frame from {_host(src) or 'an unknown address'}")
