"""An edition's own pages in the admin: its preview, a test to oneself, and the send.

Sending is a POST from a confirmation page that says how many readers it
goes to (``launch``); opening that page never sends anything. The preview's
frame is the one admin answer that may be framed, and only by the admin
itself (same origin): every other page keeps ``X-Frame-Options: DENY``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from masthead.newsletters.launch import SendRefused, edition_send_start, send_progress, send_refusal
from masthead.newsletters.models import Edition
from masthead.newsletters.recipients import headcount

SEND_PERMISSION = "newsletters.change_edition"
EDIT_URL = "wagtailsnippets_newsletters_edition:edit"
LIST_URL = "wagtailsnippets_newsletters_edition:list"


def edition_for(request, pk: int) -> Edition:
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)


def wants_subscriber_copy(request) -> bool:
    return request.GET.get("as") == "subscriber"


def edition_actions(edition: Edition, *, here: str = "edit") -> list[HeaderButton]:
    """Preview, Send a test to me, and Send: in the header of the edition's edit page and its own.

    The test is a POST straight from the button (Wagtail's ``w-action``); Send
    opens the confirmation page.
    """
    buttons = []
    if here != "edit":
        buttons.append(
            HeaderButton("Edit", url=reverse(EDIT_URL, args=[edition.pk]), icon_name="edit")
        )
    if here != "preview":
        buttons.append(
            HeaderButton(
                "Preview",
                url=reverse("newsletters_edition_preview", args=[edition.pk]),
                icon_name="view",
            )
        )
    buttons.append(
        HeaderButton(
            "Send a test to me",
            icon_name="mail",
            attrs={
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": reverse("newsletters_edition_test", args=[edition.pk]),
            },
        )
    )
    if edition.status == Edition.Status.SENT:
        buttons.append(
            HeaderButton("Web copy", url=edition.get_absolute_url(), icon_name="link-external")
        )
    elif here != "send":
        buttons.append(
            HeaderButton(
                "Send…" if edition.status == Edition.Status.DRAFT else "Sending",
                url=reverse("newsletters_edition_send", args=[edition.pk]),
                icon_name="upload",
            )
        )
    return buttons


class EditionPage(WagtailAdminTemplateMixin, TemplateView):
    """One of an edition's own admin pages, its actions in the header."""

    here = ""
    header_icon = "mail"

    def dispatch(self, request, pk: int, *args, **kwargs):
        self.edition = edition_for(request, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.edition)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(LIST_URL), "label": "Editions"},
            {"url": reverse(EDIT_URL, args=[self.edition.pk]), "label": str(self.edition)},
            {"url": "", "label": self.page_title},
        ]

    @cached_property
    def header_buttons(self):
        return edition_actions(self.edition, here=self.here)

    def get_context_data(self, **kwargs):
        return super().get_context_data(edition=self.edition, **kwargs)


class PreviewView(EditionPage):
    """The edition as a non-subscriber gets it, or (``?as=subscriber``) as a subscriber does."""

    here = "preview"
    page_title = "Preview"
    template_name = "newsletters/admin/preview.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("frame"):
            return preview_frame_view(request, self.edition.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscriber=wants_subscriber_copy(self.request), **kwargs)


@never_cache
@xframe_options_sameorigin
def preview_frame_view(request, pk: int):
    """The message's HTML, for the preview's iframe: framed by the admin, kept by nobody."""
    from masthead.newsletters.rendering import render_edition

    edition = edition_for(request, pk)
    return HttpResponse(render_edition(edition, subscriber=wants_subscriber_copy(request)).html)


class SendView(EditionPage):
    """GET: "Send to N readers?" with the sender's own count. POST: queue it, or say why not."""

    here = "send"
    page_title = "Send"
    template_name = "newsletters/admin/send.html"

    def get_context_data(self, **kwargs):
        edition = self.edition
        count = headcount(edition.newsletter) if edition.status == Edition.Status.DRAFT else None
        handed, total = send_progress(edition)
        return super().get_context_data(
            headcount=count,
            others=count.readers - count.subscribers if count else 0,
            refusal=send_refusal(edition, count),
            handed=handed,
            total=total,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        edition = self.edition
        try:
            count = edition_send_start(edition=edition)
        except SendRefused as refusal:
            messages.error(request, str(refusal))
        else:
            readers = f"{count.readers} reader{'s' if count.readers != 1 else ''}"
            messages.success(request, f"“{edition.subject}” is being sent to {readers}.")
        return redirect("newsletters_edition_send", pk=edition.pk)


@require_POST
def send_test_view(request, pk: int):
    """The non-subscriber's copy, marked [Test], to the editor's own address."""
    from masthead.newsletters.sending import send_test

    edition = edition_for(request, pk)
    back = get_valid_next_url_from_request(request) or reverse(
        "newsletters_edition_preview", args=[pk]
    )
    if not request.user.email:
        messages.error(request, "Your account has no email address to send a test to.")
        return redirect(back)
    send_test(edition, to=request.user.email)
    messages.success(
        request, f"A test of “{edition.subject}” is on its way to {request.user.email}."
    )
    return redirect(back)
