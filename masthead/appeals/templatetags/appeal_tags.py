"""``{% appeal_banner %}``: the running appeal's progress, for the front page and articles."""

from django import template

from masthead.appeals.rules import format_pounds
from masthead.appeals.selectors import appeal_for_reader, appeal_progress

register = template.Library()


@register.inclusion_tag("components/appeal_banner.html", takes_context=True)
def appeal_banner(context):
    """The banner for the running appeal, or nothing.

    Nothing, too, where the paywall's offer is on the page (``offer`` in the
    context): one ask at a time.
    """
    appeal = appeal_for_reader(offer_showing=bool(context.get("offer")))
    if appeal is None:
        return {"appeal": None}
    return {"appeal": appeal, "progress": appeal_progress(appeal)}


@register.filter
def pounds(pence) -> str:
    """Pence as "£31,000" or "£12.50"."""
    return format_pounds(pence)
