from django import template
from django.utils.safestring import mark_safe

from masthead.core.pieces import placeholder
from masthead.newsletters.prompt import NEWSLETTER_PROMPT, prompt_html
from masthead.newsletters.selectors import account_newsletters as rows_for

register = template.Library()


@register.simple_tag
def account_newsletters(user):
    """Each active newsletter, and whether this account's address receives it."""
    return rows_for(user)


@register.simple_tag
def newsletter_edition_figures():
    """The revenue page's newsletter section: the latest editions' figures."""
    from masthead.newsletters.figures import edition_figures

    return edition_figures()


@register.simple_tag(takes_context=True)
def newsletter_prompt(context):
    """The sign-up prompt at the end of a story, or nothing.

    On a page sent through the delivery decision, a placeholder filled as the
    page is sent (``masthead.newsletters.prompt``); the decision leaves it
    out where the paywall's offer is on the page: one ask at a time.
    """
    delivery = context.get("delivery")
    if delivery is not None:
        shown = NEWSLETTER_PROMPT.name in delivery.pieces
        return mark_safe(placeholder(NEWSLETTER_PROMPT)) if shown else ""  # noqa: S308
    if context.get("offer"):
        return ""
    return mark_safe(prompt_html())  # noqa: S308 - rendered from our own template
