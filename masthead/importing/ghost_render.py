"""HTML for a Ghost post that the export holds only as Lexical or Mobiledoc.

Ghost's exports carry each post's rendered ``html``, and the parser uses it.
Old or hand-edited exports sometimes hold only the editor's document, so this
renders the parts a story is made of (paragraphs, headings, lists, quotes,
images with captions, embeds, bookmarks, raw HTML cards) and leaves out what
only Ghost's themes understand (buttons, callouts' emoji, product cards …).
The writer sanitises whatever comes out, so this only has to be faithful.
"""

from __future__ import annotations

import json
from html import escape

# Lexical text format flags, as Ghost's editor (and Meta's Lexical) stores them.
_FORMATS = ((1, "strong"), (2, "em"), (4, "s"), (8, "u"), (16, "code"), (32, "sub"), (64, "sup"))


def render_lexical(document: str | dict) -> str:
    """The HTML of a Lexical document (a JSON string or the parsed object)."""
    root = json.loads(document) if isinstance(document, str) else document
    return "".join(_lexical_block(node) for node in (root.get("root") or {}).get("children", []))


def _lexical_inline(nodes: list) -> str:
    out = []
    for node in nodes or []:
        kind = node.get("type")
        if kind in ("text", "extended-text"):
            text = escape(node.get("text", ""))
            for bit, tag in _FORMATS:
                if node.get("format", 0) & bit:
                    text = f"<{tag}>{text}</{tag}>"
            out.append(text)
        elif kind == "linebreak":
            out.append("<br>")
        elif kind in ("link", "autolink"):
            href = escape(node.get("url", ""), quote=True)
            out.append(f'<a href="{href}">{_lexical_inline(node.get("children"))}</a>')
        elif node.get("children"):
            out.append(_lexical_inline(node["children"]))
    return "".join(out)


def _figure(src: str, alt: str = "", caption: str = "") -> str:
    if not src:
        return ""
    image = f'<img src="{escape(src, quote=True)}" alt="{escape(alt or "", quote=True)}">'
    # Ghost stores captions as HTML already.
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image}{figcaption}</figure>"


def _embed(html: str, url: str, caption: str = "") -> str:
    inner = html or (f'<a href="{escape(url, quote=True)}">{escape(url)}</a>' if url else "")
    if not inner:
        return ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{inner}{figcaption}</figure>"


def _bookmark(url: str, metadata: dict | None) -> str:
    if not url:
        return ""
    title = (metadata or {}).get("title") or url
    return f'<p><a href="{escape(url, quote=True)}">{escape(title)}</a></p>'


def _lexical_block(node: dict) -> str:
    kind = node.get("type")
    children = node.get("children")
    if kind in ("paragraph", "extended-paragraph"):
        inner = _lexical_inline(children)
        return f"<p>{inner}</p>" if inner else ""
    if kind in ("heading", "extended-heading"):
        tag = node.get("tag") if node.get("tag") in {f"h{n}" for n in range(1, 7)} else "h2"
        return f"<{tag}>{_lexical_inline(children)}</{tag}>"
    if kind in ("quote", "extended-quote", "aside"):
        return f"<blockquote><p>{_lexical_inline(children)}</p></blockquote>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" else "ul"
        items = "".join(_lexical_list_item(item) for item in children or [])
        return f"<{tag}>{items}</{tag}>"
    if kind == "image":
        return _figure(node.get("src", ""), node.get("alt", ""), node.get("caption", ""))
    if kind == "embed":
        return _embed(node.get("html", ""), node.get("url", ""), node.get("caption", ""))
    if kind == "bookmark":
        return _bookmark(node.get("url", ""), node.get("metadata"))
    if kind == "horizontalrule":
        return "<hr>"
    if kind == "html":
        return node.get("html", "")
    if children:  # an unknown container: keep its words
        inner = _lexical_inline(children)
        return f"<p>{inner}</p>" if inner else ""
    return ""


def _lexical_list_item(item: dict) -> str:
    parts = []
    for child in item.get("children") or []:
        if child.get("type") == "list":
            parts.append(_lexical_block(child))
        else:
            parts.append(_lexical_inline([child]))
    return f"<li>{''.join(parts)}</li>"


def render_mobiledoc(document: str | dict) -> str:
    """The HTML of a Mobiledoc document (version 0.3), Ghost's editor format before Lexical."""
    doc = json.loads(document) if isinstance(document, str) else document
    markups = doc.get("markups") or []
    atoms = doc.get("atoms") or []
    cards = doc.get("cards") or []
    out = []
    for section in doc.get("sections") or []:
        kind = section[0]
        if kind == 1:  # markup section: [1, tag, markers]
            tag = str(section[1]).lower()
            inner = _mobiledoc_markers(section[2], markups, atoms)
            if tag == "p" and not inner:
                continue
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "pull-quote"}:
                tag = "blockquote" if tag in {"aside", "pull-quote"} else tag
                body = f"<p>{inner}</p>" if tag == "blockquote" else inner
                out.append(f"<{tag}>{body}</{tag}>")
            else:
                out.append(f"<p>{inner}</p>")
        elif kind == 3:  # list section: [3, "ul"|"ol", [markers, …]]
            tag = "ol" if str(section[1]).lower() == "ol" else "ul"
            items = "".join(
                f"<li>{_mobiledoc_markers(item, markups, atoms)}</li>" for item in section[2]
            )
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == 2:  # image section: [2, src]
            out.append(_figure(section[1]))
        elif kind == 10 and section[1] < len(cards):  # card section: [10, index]
            name, payload = cards[section[1]]
            out.append(_mobiledoc_card(name, payload or {}))
    return "".join(out)


def _mobiledoc_markers(markers: list, markups: list, atoms: list) -> str:
    out, open_tags = [], []
    for marker in markers:
        kind, opened, closed, value = marker
        for index in opened:
            tag, attrs = (markups[index] + [[]])[:2]
            tag = str(tag).lower()
            pairs = dict(zip(attrs[::2], attrs[1::2], strict=False))
            href = pairs.get("href")
            attr = f' href="{escape(href, quote=True)}"' if tag == "a" and href else ""
            out.append(f"<{tag}{attr}>")
            open_tags.append(tag)
        if kind == 0:
            out.append(escape(value))
        elif kind == 1 and value < len(atoms):
            name, text, _payload = atoms[value]
            out.append("<br>" if name == "soft-return" else escape(str(text)))
        for _ in range(closed):
            if open_tags:
                out.append(f"</{open_tags.pop()}>")
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out)


def _mobiledoc_card(name: str, payload: dict) -> str:
    if name == "image":
        return _figure(payload.get("src", ""), payload.get("alt", ""), payload.get("caption", ""))
    if name == "embed":
        return _embed(payload.get("html", ""), payload.get("url", ""), payload.get("caption", ""))
    if name == "bookmark":
        return _bookmark(payload.get("url", ""), payload.get("metadata"))
    if name == "html":
        return payload.get("html", "")
    if name == "hr":
        return "<hr>"
    if name == "markdown":
        # Kept as preformatted text rather than guessed at: no Markdown library is needed.
        text = payload.get("markdown", "")
        return f"<pre>{escape(text)}</pre>" if text else ""
    return ""
