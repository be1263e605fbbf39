"""Newsletters in the admin: Business edits the letters and readers; Editors make editions.

An edition's listing row has three buttons: Preview (as a non-subscriber
gets it, and as a subscriber does), Send a test to me, and Send (a POST,
which queues the edition for the sending worker).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from masthead.newsletters.models import Edition, Newsletter, Signup, Suppression

SEND_PERMISSION = "newsletters.change_edition"


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


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "doc-full"
    list_display = ["__str__", "subject", "status", "sent_at"]
    list_filter = ["newsletter", "status"]


class NewslettersGroup(SnippetViewSetGroup):
    items = (EditionViewSet, NewsletterViewSet, SignupViewSet, SuppressionViewSet)
    menu_icon = "mail"
    menu_label = "Newsletters"
    menu_order = 320


register_snippet(NewslettersGroup)


def _edition_for(request, pk: int) -> Edition:
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)


def preview_view(request, pk: int):
    from masthead.newsletters.rendering import render_edition

    edition = _edition_for(request, pk)
    subscriber = request.GET.get("as") == "subscriber"
    if request.GET.get("frame"):
        return HttpResponse(render_edition(edition, subscriber=subscriber).html)
    return TemplateResponse(
        request,
        "newsletters/admin/preview.html",
        {"edition": edition, "subscriber": subscriber},
    )


@require_POST
def send_test_view(request, pk: int):
    from masthead.newsletters.sending import send_test

    edition = _edition_for(request, pk)
    send_test(edition, to=request.user.email)
    messages.success(
        request, f"A test of “{edition.subject}” is on its way to {request.user.email}."
    )
    return redirect("newsletters_edition_preview", pk=pk)


@require_POST
def send_view(request, pk: int):
    from masthead.newsletters.tasks import send_edition_task

    edition = _edition_for(request, pk)
    if edition.status == Edition.Status.SENT:
        messages.error(request, "This edition has been sent already.")
    else:
        send_edition_task.enqueue(edition_id=edition.pk)
        messages.success(request, f"“{edition.subject}” is being sent.")
    return redirect("newsletters_edition_preview", pk=pk)


@hooks.register("register_admin_urls")
def edition_urls():
    return [
        path(
            "newsletters/edition/<int:pk>/preview/",
            preview_view,
            name="newsletters_edition_preview",
        ),
        path("newsletters/edition/<int:pk>/test/", send_test_view, name="newsletters_edition_test"),
        path("newsletters/edition/<int:pk>/send/", send_view, name="newsletters_edition_send"),
    ]


@hooks.register("register_snippet_listing_buttons")
def edition_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Edition) and user.has_perm(SEND_PERMISSION):
        yield Button(
            "Preview, test and send",
            reverse("newsletters_edition_preview", args=[snippet.pk]),
            icon_name="view",
            priority=5,
        )
