"""Logged-in readers' article pages from the shared cache.

A logged-in reader's article differs from an anonymous reader's in the
header ("Your account") and, by kind of reader, in the meter notice and the
offer; every subscriber, or every registered reader, gets the same page for
the same outcome. Those pages are kept as variants of their own, looked up
by ``SharedAccountPageMiddleware`` once Django has identified the reader:
sessions and their cookies stay Django's, and only the rendering is shared.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse

from masthead.edge.generation import content_generation
from masthead.edge.sharing import page_key, shared_copy
from masthead.edge.store import page_store
from masthead.paywall.policy import ReaderKind

# Staff are left out: the newsroom may see more than readers do.
SHARED_KINDS = frozenset({ReaderKind.SUBSCRIBER, ReaderKind.REGISTERED, ReaderKind.ANONYMOUS})


def account_variant(request: HttpRequest, access) -> str | None:
    """The variant a logged-in reader's page is kept under, or None if it is not kept."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or access.reader.kind not in SHARED_KINDS:
        return None
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    return f"{access.outcome.value}|{access.reader.kind.value}|account"


def keep_when_rendered(request: HttpRequest, response: TemplateResponse, variant: str) -> None:
    """Keep the page once rendered, under the generation read before rendering began."""
    key, generation = page_key(request), content_generation().current()
    if key is None or generation is None:
        return

    def keep(rendered):
        shared = shared_copy(request, rendered)
        if shared is not None:
            page_store().put(generation, key, rendered.masthead_route, variant, shared)

    response.add_post_render_callback(keep)
