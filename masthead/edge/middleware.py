"""The shared page cache's two doors.

``SharedPageMiddleware`` is first in the stack. It answers readers with no
session and no claim to be a search engine straight from the cache, and it
keeps what the delivery decision allows of every page on its way out, once
every other middleware has added its headers: a page from the cache carries
exactly the headers a rendered one does.

``SharedAccountPageMiddleware`` comes after sessions and authentication, so
the reader is known: it answers logged-in readers with the page kept for
their kind. Sessions and their cookies stay Django's.

Both decide through the same access service and the same delivery decision
as the rendering path; an article's reader is metered on every request.
Previews, restricted pages and the newsroom are never answered from here:
the delivery decision never keeps them.
"""

from __future__ import annotations

from django.conf import settings

from masthead.edge.delivery import PageKind, deliver
from masthead.edge.generation import content_generation
from masthead.edge.sending import page_key, reader_view, response_from, shared_copy
from masthead.edge.store import Entry, page_store
from masthead.paywall.crawlers import claims_to_be_crawler
from masthead.paywall.services import access_for


def answer_from(entry: Entry, request):
    """The kept page this reader gets, or None to render it (the access is then reused)."""
    route = entry.route
    access = None
    if route.page.kind is PageKind.ARTICLE:
        access = access_for(request, facts=route.facts, rules=route.rules)
        # Metered once: if this variant is not kept yet, the rendering path uses this answer.
        request.masthead_access = access
    delivery = deliver(route.page, reader_view(request, access))
    shared = entry.variants.get(delivery.variant) if delivery.kept else None
    return response_from(shared, access) if shared is not None else None


def _no_session(request) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not claims_to_be_crawler(request.headers.get("User-Agent", ""))
    )


class SharedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if settings.MASTHEAD_EDGE["enabled"] else None
        generation = content_generation().current() if key else None
        if generation is None:
            return self.get_response(request)
        store = page_store()
        if _no_session(request):
            entry = store.get(generation, key)
            if entry is not None:
                response = answer_from(entry, request)
                if response is not None:
                    return response
        response = self.get_response(request)
        if response.get("X-Masthead-Cache") == "hit":
            return response
        kept = shared_copy(request, response)
        if kept is not None:
            route, variant, shared = kept
            store.put(generation, key, route, variant, shared)
        return response


class SharedAccountPageMiddleware:
    """Readers with a session, from the pages kept for their kind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if settings.MASTHEAD_EDGE["enabled"] else None
        generation = content_generation().current() if key else None
        entry = page_store().get(generation, key) if generation else None
        # The session and account are loaded only for a kept page.
        if entry is None or not request.user.is_authenticated:
            return self.get_response(request)
        response = answer_from(entry, request)
        return response if response is not None else self.get_response(request)
