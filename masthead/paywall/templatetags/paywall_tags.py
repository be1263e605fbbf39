"""Template tags for the article's words and its per-reader pieces."""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from masthead.core.pieces import pieces, placeholder
from masthead.paywall.accounts import account_for
from masthead.paywall.extensions import default_offer
from masthead.paywall.offer_copy import WALL_OFFER, offer_html
from masthead.paywall.policy import ReaderKind

register = template.Library()

BODY_CACHE_SECONDS = 24 * 3600


@register.simple_tag(takes_context=True)
def body_blocks(context, body, part: str):
    """The rendered blocks of ``body.teaser`` or ``body.rest``.

    Cached per live revision; a preview's body has no cache key and is
    rendered from the revision being previewed, and never stored.
    """
    blocks = body.teaser if part == "teaser" else body.rest
    if blocks is None:
        return ""
    key = f"article-body:{part}:{body.cache_key}" if body.cache_key else None
    if key:
        html = cache.get(key)
        if html is not None:
            return mark_safe(html)  # noqa: S308 - rendered by Wagtail's blocks below
    flat = context.flatten()
    html = "".join(str(block.render_as_block(context=flat)) for block in blocks)
    if key:
        cache.set(key, html, BODY_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by Wagtail's blocks


@register.simple_tag
def reader_piece(name: str):
    """A placeholder for a per-reader part of a shared page (``masthead.core.pieces``)."""
    if pieces.get(name) is None:
        raise template.TemplateSyntaxError(f"No page piece is registered as {name!r}.")
    return mark_safe(placeholder(name))  # noqa: S308 - a fixed HTML comment


@register.simple_tag(takes_context=True)
def wall_offer(context):
    """The subscription offer's words and button (``masthead.paywall.offer_copy``).

    On a page sent through the delivery decision, a placeholder filled per
    reader as the page is sent; elsewhere (a preview) the paper's own offer.
    """
    delivery = context.get("delivery")
    if delivery is not None:
        shown = WALL_OFFER.name in delivery.pieces
        return mark_safe(placeholder(WALL_OFFER)) if shown else ""  # noqa: S308 - fixed comment
    return mark_safe(offer_html(default_offer()))  # noqa: S308 - rendered from our template


@register.simple_tag(takes_context=True)
def reader_subscribes(context) -> bool:
    """Whether the page is for a subscriber: the same fact the kept pages' variants split on.

    An article knows its reader from the access decision; any other page from
    the logged-in account (``edge.sending.reader_view`` decides the same way).
    """
    access = context.get("access")
    if access is not None:
        return access.reader.account and access.reader.kind is ReaderKind.SUBSCRIBER
    request = context.get("request")
    account = account_for(request) if request is not None else None
    return account is not None and account.kind is ReaderKind.SUBSCRIBER
