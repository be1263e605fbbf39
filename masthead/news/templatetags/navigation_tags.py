"""``{% section_nav %}``: the paper's sections, the current one marked."""

from django import template

from masthead.news.selectors import about_pages as listed_about_pages
from masthead.news.selectors import section_links

register = template.Library()


@register.inclusion_tag("components/section_nav.html", takes_context=True)
def section_nav(context):
    request = context.get("request")
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "sections": [
            (link, bool(current_path) and current_path.startswith(link.path))
            for link in section_links()
        ],
        "request": request,
    }


@register.simple_tag
def about_pages():
    """The pages about the paper that its editors list in the footer ("Show in menus")."""
    return listed_about_pages()
