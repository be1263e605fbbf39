"""``{% appeal_banner %}``: the running appeal's progress, for the front page and articles."""

from django import template
from django.utils.safestring import mark_safe

from masthead.appeals.banner import APPEAL_BANNER, banner_html
from masthead.appeals.rules import format_pounds
from masthead.core.pieces import placeholder

register = template.Library()


@register.simple_tag(takes_context=True)
def appeal_banner(context):
    """The banner for the running appeal, or nothing.

    On a page sent through the delivery decision, a placeholder that is filled
    as the page is sent (``masthead.appeals.banner``); the decision leaves it
    out where the paywall's offer is on the page: one ask at a time.
    """
    delivery = context.get("delivery")
    if delivery is not None:
        return (
            mark_safe(placeholder(APPEAL_BANNER)) if APPEAL_BANNER.name in delivery.pieces else ""
        )  # noqa: S308
    if context.get("offer"):
        return ""
    return mark_safe(banner_html())  # noqa: S308 - rendered from our own template


@register.filter
def pounds(pence) -> str:
    """Pence as "£31,000" or "£12.50"."""
    return format_pounds(pence)
