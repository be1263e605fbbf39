"""``{% section_nav %}``: the paper's sections, the current one marked."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from masthead.core.kept import kept_until_changed
from masthead.news.selectors import about_links, section_links

register = template.Library()


@kept_until_changed("site")
def section_navs() -> dict[str, SafeString]:
    """The navigation as every page carries it, rendered once per change to the sections:
    one for the pages in each section (by its tree path), one ("") for the others."""

    def rendered(current: str) -> SafeString:
        sections = [(link, link.path == current) for link in links]
        # A template's output is safe (autoescaped), and stays so as the tag's answer.
        return render_to_string("components/section_nav.html", {"sections": sections})

    links = section_links()
    return {path: rendered(path) for path in ["", *(link.path for link in links)]}


@register.simple_tag(takes_context=True)
def section_nav(context):
    current_path = getattr(context.get("page"), "path", "")
    navs = section_navs()
    current = next((path for path in navs if path and current_path.startswith(path)), "")
    return navs[current]


@register.simple_tag
def about_pages():
    """The pages about the paper that its editors list in the footer ("Show in menus")."""
    return about_links()
