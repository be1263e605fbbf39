"""Corrections in the admin: a list to read and a form to add, nothing to edit or delete.

Editors (the Editors group) add them, from *Corrections* in the menu or from
a story's *Add a correction* button; writers do not see them.
"""

from __future__ import annotations

from django.http import HttpResponseForbidden
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from masthead.corrections.models import Correction
from masthead.corrections.permissions import AppendOnlyPermissionPolicy
from masthead.news.models import ArticlePage

register_permission_policy(Correction, AppendOnlyPermissionPolicy(Correction))


class CorrectionCreateView(CreateView):
    def get_initial_form_instance(self):
        """The new correction is the adding editor's, for the story the button came from."""
        instance = Correction(added_by=self.request.user)
        article_id = self.request.GET.get("article", "")
        if article_id.isdigit():
            instance.article = ArticlePage.objects.filter(pk=int(article_id)).first()
        return instance


REFUSAL = "Corrections cannot be changed or deleted; add a correction that supersedes it."


def refused(request, *args, **kwargs):
    """Every road to changing or deleting a correction: a plain 403, for everyone."""
    return HttpResponseForbidden(REFUSAL)


class CorrectionIndexView(IndexView):
    @property
    def columns(self):
        """The list without the bulk-action checkboxes: there is nothing to do to many at once."""
        return [column for column in super().columns if column.name != "bulk_actions"]


class CorrectionViewSet(SnippetViewSet):
    model = Correction
    icon = "warning"
    menu_label = "Corrections"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CorrectionIndexView
    add_view_class = CorrectionCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["article", "corrected_at", "added_by", "supersedes"]
    search_fields = ["wrong", "right"]
    panels = [
        FieldPanel("article"),
        FieldPanel("wrong"),
        FieldPanel("right"),
        FieldPanel("corrected_at"),
        FieldPanel("supersedes"),
    ]

    @property
    def edit_view(self):
        return refused

    @property
    def delete_view(self):
        return refused


register_snippet(CorrectionViewSet)


class NoBulkDelete(BulkAction):
    """Takes the place of the snippets' bulk delete for corrections: always refused."""

    display_name = "Delete"
    action_type = "delete"
    aria_label = "Corrections cannot be deleted"
    models = [Correction]

    def dispatch(self, request, *args, **kwargs):
        return refused(request)


# Registered after Wagtail's own bulk actions, so this one is the one found for corrections.
hooks.register("register_bulk_action", NoBulkDelete, order=1000)


@hooks.register("register_page_header_buttons")
def add_a_correction(page, user, view_name, next_url=None):
    """On a published story's header menu, for those who may add corrections."""
    if not page.live or page.specific_class is not ArticlePage:
        return
    policy = Correction.snippet_viewset.permission_policy
    if policy.user_has_permission(user, "add"):
        url = reverse(Correction.snippet_viewset.get_url_name("add"))
        yield Button(
            "Add a correction", f"{url}?article={page.pk}", icon_name="warning", priority=80
        )
