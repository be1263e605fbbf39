"""``{% breaking_banner %}``: the breaking-news banner at the top of every page."""

from django import template
from django.utils.safestring import mark_safe

from masthead.breaking.banner import BREAKING_NEWS, top_of_page
from masthead.core.pieces import placeholder

register = template.Library()


@register.simple_tag(takes_context=True)
def breaking_banner(context):
    """A placeholder filled as the page is sent (kept pages stay kept), or the banner itself.

    Pages sent through the delivery decision carry the placeholder whatever is
    switched on, so that switching a banner on needs no page rendered again.
    """
    if context.get("delivery") is not None:
        return mark_safe(placeholder(BREAKING_NEWS))  # noqa: S308 - a fixed HTML comment
    return mark_safe(top_of_page(offer=bool(context.get("offer"))))  # noqa: S308 - our template
