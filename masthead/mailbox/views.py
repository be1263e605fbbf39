"""The mailbox in the admin: the list, newest first, and one message as text and as HTML."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from masthead.mailbox import store

PER_PAGE = 50


def _open_to(request) -> None:
    if not store.in_use():
        raise Http404("This site sends its mail: it keeps no mailbox.")
    if not request.user.is_staff:
        raise PermissionDenied


def mailbox_index(request):
    _open_to(request)
    paginator = Paginator(store.ids(), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    messages = [kept for kept in map(store.read, page.object_list) if kept is not None]
    return TemplateResponse(
        request, "mailbox/index.html", {"page": page, "mail": messages, "total": paginator.count}
    )


def mailbox_message(request, message_id: str):
    _open_to(request)
    kept = store.read(message_id)
    if kept is None:
        raise Http404("No such message in the mailbox.")
    return TemplateResponse(request, "mailbox/message.html", {"kept": kept})


def mailbox_raw(request, message_id: str):
    """The message as it would have gone out, to open in a mail program."""
    _open_to(request)
    data = store.raw(message_id)
    if data is None:
        raise Http404("No such message in the mailbox.")
    response = HttpResponse(data, content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="{message_id}.eml"'
    return response
