"""Newsletters in the admin: Business edits the letters and readers; Editors make editions.

An edition's edit page carries its actions in its header: Preview (as a
non-subscriber gets it, and as a subscriber does), Send a test to me, and
Send, which opens a page asking "Send to N readers?" (``admin_views``).
The editions' listing offers the same from each row.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from masthead.newsletters.admin_views import (
    SEND_PERMISSION,
    PreviewView,
    SendView,
    edition_actions,
    send_test_view,
)
from masthead.newsletters.models import Edition, Newsletter, Signup, Suppression


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    list_display = ["name", "slug", "cadence", "audience", "active"]


class SignupViewSet(SnippetViewSet):
    model = Signup
    icon = "user"
    list_display = ["email", "newsletter", "status", "consent_method", "consent_at"]
    list_filter = ["newsletter", "status"]
    search_fields = ["email", "name"]


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "cross"
    list_display = ["email", "reason", "created_at"]
    search_fields = ["email"]


class EditionEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(SEND_PERMISSION):
            buttons += edition_actions(self.object)
        return buttons


class EditionViewSet(SnippetViewSet):
    model = Edition
    edit_view_class = EditionEditView
    icon = "doc-full"
    list_display = ["__str__", "subject", "status", "sent_at"]
    list_filter = ["newsletter", "status"]


class NewslettersGroup(SnippetViewSetGroup):
    items = (EditionViewSet, NewsletterViewSet, SignupViewSet, SuppressionViewSet)
    menu_icon = "mail"
    menu_label = "Newsletters"
    menu_order = 320


register_snippet(NewslettersGroup)


@hooks.register("register_admin_urls")
def edition_urls():
    return [
        path(
            "newsletters/edition/<int:pk>/preview/",
            PreviewView.as_view(),
            name="newsletters_edition_preview",
        ),
        path("newsletters/edition/<int:pk>/test/", send_test_view, name="newsletters_edition_test"),
        path(
            "newsletters/edition/<int:pk>/send/",
            SendView.as_view(),
            name="newsletters_edition_send",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def edition_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Edition) and user.has_perm(SEND_PERMISSION):
        yield Button(
            "Preview",
            reverse("newsletters_edition_preview", args=[snippet.pk]),
            icon_name="view",
            priority=5,
        )
        if snippet.status == Edition.Status.DRAFT:
            yield Button(
                "Send…",
                reverse("newsletters_edition_send", args=[snippet.pk]),
                icon_name="upload",
                priority=6,
            )
