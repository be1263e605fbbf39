"""An edition rendered once per kind of recipient, with holes for what is each reader's own.

There are two kinds: subscribers, and everyone else. Which stories each kind
reads in full is asked of the access service (``paywall.access``) with the
same facts as the site, reading nothing off the meter: a subscriber gets the
whole text, anyone else the whole text only of stories free to read, and of
every other story the teaser the paywall allows (``paywall.body``), the rest
never put into the message at all. Per-recipient pieces (the signed links,
the unsubscribe address, the message id) are placeholders filled in by the
sender, so 100,000 recipients cost two renders.
"""

from __future__ import annotations

import html as html_lib
import textwrap
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from masthead.core.letters import absolute, paper_context
from masthead.newsletters.models import Edition
from masthead.paywall.access import decide_access
from masthead.paywall.body import readable_body
from masthead.paywall.identity import Reader
from masthead.paywall.periods import current_period
from masthead.paywall.policy import ReaderKind
from masthead.paywall.selectors import current_rules
from masthead.paywall.services import article_facts

UNSUBSCRIBE = "%%UNSUBSCRIBE%%"


def link_placeholder(article_id: int) -> str:
    return f"%%LINK-{article_id}%%"


# Newsletter readers as the access service sees them: plain values, no request.
RECIPIENTS = {
    True: Reader(kind=ReaderKind.SUBSCRIBER, meter_key="newsletter:subscriber", anonymous_id=None),
    False: Reader(kind=ReaderKind.ANONYMOUS, meter_key="newsletter:recipient", anonymous_id=None),
}


@dataclass(frozen=True)
class StoryPiece:
    article_id: int
    headline: str
    kicker: str
    section: str
    standfirst: str
    image_url: str
    image_alt: str
    link: str
    full: bool
    html: str
    text: str


@dataclass(frozen=True)
class RenderedEdition:
    subject: str
    text: str
    html: str
    article_ids: tuple[int, ...]


def block_html(block) -> str:
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        return str(value)
    if kind == "subheading":
        return f"<h3>{html_lib.escape(value)}</h3>"
    if kind == "quote":
        who = value.get("attribution") or ""
        cite = f"<br>— {html_lib.escape(who)}" if who else ""
        return f"<blockquote>{html_lib.escape(value['text'])}{cite}</blockquote>"
    return ""  # images and embeds stay on the site


def text_of(fragment: str) -> str:
    return textwrap.fill(html_lib.unescape(strip_tags(fragment)).strip(), width=76)


def short_lines(markup: str, width: int = 400) -> str:
    """HTML whose lines stay short, so the message goes as 8-bit text, its holes intact."""
    lines = []
    for line in markup.splitlines():
        if len(line) <= width:
            lines.append(line)
        else:
            lines.extend(
                textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False)
            )
    return "\n".join(lines)


def story_piece(article, *, subscriber: bool, link: str, rules, period: str) -> StoryPiece:
    access = decide_access(
        reader=RECIPIENTS[subscriber],
        facts=article_facts(article),
        rules=rules,
        counts=False,
        period=period,
    )
    paragraphs = article.teaser_paragraphs or rules.teaser_paragraphs
    body = readable_body(article, access.outcome, paragraphs)
    blocks = list(body.teaser) + list(body.rest or [])
    fragments = [fragment for fragment in (block_html(block) for block in blocks) if fragment]
    image_url, image_alt = "", ""
    if article.hero_image_id:
        image_url = absolute(article.hero_image.get_rendition("fill-600x338").url)
        image_alt = article.hero_image.alt_text
    section = article.section
    return StoryPiece(
        article_id=article.pk,
        headline=article.title,
        kicker=getattr(article, "kicker", "") or "",
        section=section.title if section else "",
        standfirst=article.standfirst,
        image_url=image_url,
        image_alt=image_alt,
        link=link,
        full=not body.withheld,
        html=mark_safe("\n".join(fragments)),
        text="\n\n".join(text_of(fragment) for fragment in fragments),
    )


def render_edition(edition: Edition, *, subscriber: bool, web: bool = False) -> RenderedEdition:
    """The edition for one kind of recipient; ``web``: the public copy, links unsigned."""
    rules, period = current_rules(), current_period()
    articles = edition.articles()
    stories = [
        story_piece(
            article,
            subscriber=subscriber,
            link=absolute(article.url) if web else link_placeholder(article.pk),
            rules=rules,
            period=period,
        )
        for article in articles
    ]
    context = {
        **paper_context(),
        "subject": edition.subject,
        "edition": edition,
        "newsletter": edition.newsletter,
        "stories": stories,
        "subscriber": subscriber,
        "web": web,
        "unsubscribe_url": "" if web else UNSUBSCRIBE,
        "web_copy_url": absolute(edition.get_absolute_url()),
    }
    return RenderedEdition(
        subject=edition.subject,
        text=render_to_string("newsletters/email/edition.txt", context),
        html=short_lines(render_to_string("newsletters/email/edition.html", context)),
        article_ids=tuple(article.pk for article in articles),
    )
