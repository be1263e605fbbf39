from django import template
from django.utils.safestring import mark_safe

from masthead.core.dateline import DATE_LINE, date_line_html
from masthead.core.pieces import placeholder

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """900 → "£9", 1050 → "£10.50"."""
    try:
        pence = int(pence)
    except (TypeError, ValueError):
        return ""
    whole, part = divmod(pence, 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"


@register.simple_tag(takes_context=True)
def date_line(context):
    """Today's date; on a page sent through the delivery decision, a piece filled as it is sent."""
    delivery = context.get("delivery")
    if delivery is not None and DATE_LINE.name in delivery.pieces:
        return mark_safe(placeholder(DATE_LINE))  # noqa: S308 - our own placeholder
    return mark_safe(date_line_html())  # noqa: S308 - escaped by format_html
