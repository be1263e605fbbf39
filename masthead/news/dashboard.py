"""The newsroom's dashboard: *Write a story*, opening a new story's form in its section.

Wagtail's own way to a new page is the page tree (a section, then *Add child
page*, then the page type); a writer starts from the dashboard instead, with
one button per section they may write in, or one button when there is one.
"""

from __future__ import annotations

from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy


def sections_to_write_in(user) -> list:
    """The sections, in the order of the site's navigation, where ``user`` may add a story."""
    from masthead.news.models import ArticlePage, SectionPage

    addable = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    sections = SectionPage.objects.filter(pk__in=addable.values("pk")).order_by("path")
    return [section for section in sections if ArticlePage.can_create_at(section)]


class WriteAStoryPanel(Component):
    name = "write_a_story"
    template_name = "news/admin/write_a_story_panel.html"
    order = 50  # first: above the stories waiting for approval and the recent edits

    def __init__(self, sections: list) -> None:
        self.sections = sections

    def get_context_data(self, parent_context=None) -> dict:
        return {"sections": self.sections}


def add_write_a_story(request, panels: list) -> None:
    """``construct_homepage_panels``: the panel, for anyone who may add a story somewhere."""
    sections = sections_to_write_in(request.user)
    if sections:
        panels.append(WriteAStoryPanel(sections))
