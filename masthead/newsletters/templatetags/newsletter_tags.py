from django import template

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
