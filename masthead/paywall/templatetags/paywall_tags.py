"""Template tags for the article's words and its per-reader pieces."""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from masthead.core.pieces import pieces, placeholder

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
