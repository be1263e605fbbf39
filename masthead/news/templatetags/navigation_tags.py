"""``{% section_nav %}``: the paper's sections, the current one marked."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from masthead.core.kept import kept_until_changed
from masthead.news.selectors import PageLink, about_links, section_links

register = template.Library()


@kept_until_changed("site")
def section_navs() -> tuple[list[PageLink], dict[str, SafeString]]:
    """The sections' links, and the navigation rendered from them once per change for the
    pages of each section (by its tree path; "" for the others), filled as pages ask."""
    return section_links(), {}


def rendered_nav(links: list[PageLink], current: str) -> SafeString:
    sections = [(link, link.path == current) for link in links]
    # A template's output is safe (autoescaped), and stays so as the tag's answer.
    return render_to_string("components/section_nav.html", {"sections": sections})


@register.simple_tag(takes_context=True)
def section_nav(context):
    current_path = getattr(context.get("page"), "path", "")
    links, navs = section_navs()
    current = next((link.path for link in links if current_path.startswith(link.path)), "")
    nav = navs.get(current)
    if nav is None:
        nav = navs[current] = rendered_nav(links, current)
    return nav


@register.simple_tag
def about_pages():
    """The pages about the paper that its editors list in the footer ("Show in menus")."""
    return about_links()
