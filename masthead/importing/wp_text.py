"""WordPress post bodies as the old site showed them, in plain HTML.

WordPress stores a post body half-finished and completes it on every page view:
classic-editor posts have no ``<p>`` (``wpautop`` makes paragraphs from blank
lines), pictures with captions are ``[caption]`` shortcodes, and a video is a bare
link on its own line that WordPress swaps for the player (oEmbed). This module
does that completion once, at import, so that the writer sees ordinary HTML:

- ``[caption …]<img …> Text[/caption]`` becomes ``<figure><img …><figcaption>Text
  </figcaption></figure>``;
- an embed (a block-editor embed block, an ``[embed]URL[/embed]`` shortcode,
  Jetpack's ``[youtube=URL]``, or a link to a known video or social site alone on its line) becomes
  ``<figure class="embed"><a href="URL">URL</a></figure>``;
- classic bodies get ``<p>`` paragraphs and ``<br>`` line breaks as ``wpautop``
  would give them; block-editor bodies (``<!-- wp:`` comments) are already HTML and
  only lose their block comments;
- other shortcodes, which only the old site's plugins understood, stay readable:
  ``[foo bar="x"]text[/foo]`` keeps ``text``; one without text (``[gallery
  ids="1,2"]``) is left out and named in ``removed`` so the report can say so.
  Bracketed words that are not shortcodes (``[sic]``, ``[1]``) stay as they are:
  a bracket counts as a shortcode only when it closes with ``[/name]``, carries
  ``name=value`` attributes, or is one of WordPress's own (gallery, audio, video,
  playlist).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Sites whose links WordPress turns into players (its oEmbed allow list, in short).
EMBED_HOSTS = (
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "facebook.com",
    "soundcloud.com",
    "open.spotify.com",
    "flickr.com",
    "flic.kr",
    "tiktok.com",
    "dailymotion.com",
    "ted.com",
    "reddit.com",
    "tumblr.com",
    "mixcloud.com",
    "wordpress.tv",
    "imgur.com",
    "scribd.com",
    "slideshare.net",
    "issuu.com",
    "kickstarter.com",
    "pinterest.com",
    "bsky.app",
    "mastodon.social",
)
CORE_SHORTCODES = frozenset({"gallery", "audio", "video", "playlist", "embed", "caption"})

_BLOCKS = (
    "address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|"
    "fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|li|map|math|menu|nav|"
    "ol|p|pre|section|style|summary|table|tbody|td|tfoot|th|thead|tr|ul|legend|area|iframe"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{_BLOCKS})(?=[\s/>])[^>]*>)", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</(?:{_BLOCKS})>)", re.IGNORECASE)
_STARTS_BLOCK = re.compile(rf"^</?(?:{_BLOCKS})(?=[\s/>])", re.IGNORECASE)
# Inside these a wrapped line is its own paragraph, as wpautop does for quotes.
_WRAPS_PARAGRAPHS = re.compile(r"(<blockquote[^>]*>|</blockquote>)", re.IGNORECASE)
_KEPT_WHOLE = re.compile(r"<(pre|figure)[\s>].*?</\1>", re.IGNORECASE | re.DOTALL)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?")

_CAPTION = re.compile(
    r"\[(?:wp_)?caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?:wp_)?caption\]",
    re.IGNORECASE | re.DOTALL,
)
_CAPTION_MEDIA = re.compile(
    r"^\s*(?P<media>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))""")
_EMBED_BLOCK = re.compile(
    r"<figure\b[^>]*\bwp-block-embed\b[^>]*>\s*<div\b[^>]*wp-block-embed__wrapper[^>]*>"
    r"\s*(?P<url>\S+?)\s*</div>\s*(?P<caption><figcaption\b.*?</figcaption>)?\s*</figure>",
    re.IGNORECASE | re.DOTALL,
)
_EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\]\s*(\S+?)\s*\[/embed\]", re.IGNORECASE)
# Jetpack's (and WordPress.com's) [youtube=URL] and [vimeo URL].
_PROVIDER_SHORTCODE = re.compile(
    r"\[(?:youtube|vimeo)[=\s]\s*[\"']?(https?://[^\s\]\"']+)[^\]]*\]", re.IGNORECASE
)
_URL_LINE = re.compile(r"^[ \t]*(?:<p>)?[ \t]*(https?://[^\s<>\"']+)[ \t]*(?:</p>)?[ \t]*$", re.M)
_SHORTCODE = re.compile(
    r"\[(?P<escaped>\[?)(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)(?P<slash>/?)\]"
)


@dataclass
class Body:
    html: str
    removed: list[str] = field(default_factory=list)  # shortcodes left out, as written


def post_html(raw: str) -> Body:
    """The body of one post as the old site rendered it, in plain HTML."""
    removed: list[str] = []
    blocks = "<!-- wp:" in raw
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if blocks:
        text = _BLOCK_COMMENT.sub("", text)
    text = _EMBED_BLOCK.sub(lambda m: embed(m["url"], m["caption"] or ""), text)
    text = _EMBED_SHORTCODE.sub(lambda m: "\n\n" + embed(m[1]) + "\n\n", text)
    text = _PROVIDER_SHORTCODE.sub(lambda m: "\n\n" + embed(m[1]) + "\n\n", text)
    text = _URL_LINE.sub(_embed_line, text)
    text = _CAPTION.sub(_caption_figure, text)
    text = other_shortcodes(text, removed)
    if not blocks:
        text = autop(text)
    return Body(html=text.strip(), removed=removed)


def embed(url: str, caption: str = "") -> str:
    url = html.escape(html.unescape(url), quote=True)
    return f'<figure class="embed"><a href="{url}">{url}</a>{caption}</figure>'


def _embed_line(match: re.Match) -> str:
    url = match[1]
    host = re.sub(r"^https?://(?:www\.|m\.)?", "", url).split("/", 1)[0].lower()
    if any(host == known or host.endswith("." + known) for known in EMBED_HOSTS):
        return "\n" + embed(url) + "\n"
    return match[0]


def _caption_figure(match: re.Match) -> str:
    inner = match["inner"].strip()
    found = _CAPTION_MEDIA.match(inner)
    if found:
        media, text = found["media"], found["text"].strip()
    else:
        media, text = inner, ""
    if not text:  # the older form: [caption caption="Text"]<img>[/caption]
        text = shortcode_attributes(match["attrs"]).get("caption", "")
    caption = f"<figcaption>{text}</figcaption>" if text else ""
    return f"\n\n<figure>{media}{caption}</figure>\n\n"


def shortcode_attributes(text: str) -> dict[str, str]:
    return {
        m[1].lower(): m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]
        for m in _ATTRIBUTE.finditer(text)
    }


def other_shortcodes(text: str, removed: list[str]) -> str:
    """Keep what plugin shortcodes wrapped as text; drop those that wrap nothing."""
    out: list[str] = []
    position = 0
    for match in _SHORTCODE.finditer(text):
        if match.start() < position:
            continue
        name = match["name"]
        if name.lower() == "gallery" and not match["escaped"]:
            continue  # see galleries()
        if match["escaped"]:
            # [[foo]] is WordPress's way to write a literal [foo].
            end = text.find("]]", match.end() - 1)
            if end != -1:
                out.append(text[position : match.start()])
                out.append(text[match.start() + 1 : end + 1])
                position = end + 2
            continue
        closing = f"[/{name}]"
        close_at = -1 if match["slash"] else text.find(closing, match.end())
        has_attributes = "=" in match["attrs"]
        if close_at == -1 and not has_attributes and name.lower() not in CORE_SHORTCODES:
            continue  # [sic], [1], [Editor's note]: words in brackets, not a shortcode
        out.append(text[position : match.start()])
        if close_at == -1:
            removed.append(match[0])
            position = match.end()
        else:
            out.append(text[match.end() : close_at])
            position = close_at + len(closing)
    out.append(text[position:])
    result = "".join(out)
    # Closing tags whose opening tag was a word in brackets, or that stand alone.
    return re.sub(r"\[/[A-Za-z][\w-]*\]", "", result) if "[/" in result else result


_GALLERY = re.compile(r"(?:<p>)?\[gallery(?P<attrs>(?:\s[^\]]*)?)/?\](?:</p>)?", re.IGNORECASE)


def galleries(text: str, pictures: dict) -> Body:
    """``[gallery ids="…"]`` as a figure per picture; a gallery naming none we know is left out.

    ``pictures`` maps an attachment id to an object with ``url``, ``alt`` and ``caption``.
    """
    removed: list[str] = []

    def figures(match: re.Match) -> str:
        ids = shortcode_attributes(match["attrs"]).get("ids", "")
        found = [pictures[i.strip()] for i in ids.split(",") if i.strip() in pictures]
        if not found:
            removed.append(match[0].removeprefix("<p>").removesuffix("</p>"))
            return ""
        out = []
        for picture in found:
            src, alt = html.escape(picture.url), html.escape(picture.alt)
            caption = picture.caption and f"<figcaption>{html.escape(picture.caption)}</figcaption>"
            out.append(f'<figure><img src="{src}" alt="{alt}" />{caption}</figure>')
        return "\n".join(out)

    if "[gallery" not in text.lower():
        return Body(html=text)
    return Body(html=_GALLERY.sub(figures, text), removed=removed)


def autop(text: str) -> str:
    """Paragraphs from blank lines and line breaks from single ones, as wpautop makes them."""
    kept: dict[str, str] = {}

    def keep(match: re.Match) -> str:
        key = f"<pre-kept-{len(kept)}>"
        kept[key] = match[0]
        return f"\n\n{key}\n\n"

    text = _KEPT_WHOLE.sub(keep, text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _WRAPS_PARAGRAPHS.sub(r"\n\n\1\n\n", text)
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text)]
    out = []
    for chunk in chunks:
        if not chunk:
            continue
        if chunk in kept:
            out.append(kept[chunk])
        elif _STARTS_BLOCK.match(chunk) or _BLOCK_CLOSE.search(chunk[-12:] or ""):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br />\n", chunk) + "</p>")
    return "\n".join(out)
