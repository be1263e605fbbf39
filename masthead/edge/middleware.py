"""The shared page cache's two doors.

``SharedPageMiddleware`` is first in the stack. It answers readers with no
session and no claim to be a search engine straight from the cache, and it
keeps what the delivery decision allows of every page on its way out, once
every other middleware has added its headers: a page from the cache carries
exactly the headers a rendered one does.

``SharedAccountPageMiddleware`` comes after sessions, so the reader's account
can be known: it answers logged-in readers with the page kept for their kind.
Sessions and their cookies stay Django's.

Both decide through the same access service and the same delivery decision
as the rendering path; an article's reader is metered on every request. A
kept variant is sent only while its tags' versions are current. When it is
not, one request renders it and the others wait a moment for its copy
instead of rendering it too; a front, which holds no withheld text, is sent
as it was a moment ago meanwhile, so its readers do not wait. Previews,
restricted pages and the newsroom are never answered from here: the
delivery decision never keeps them.
"""

from __future__ import annotations

from django.conf import settings

from masthead.core.pieces import pieces
from masthead.core.versions import page_versions
from masthead.edge.delivery import PageKind, deliver
from masthead.edge.extensions import tell_page_sent
from masthead.edge.sending import (
    has_messages,
    page_key,
    reader_view,
    response_from,
    shared_copy,
)
from masthead.edge.store import Page, PageCache, page_cache
from masthead.paywall.accounts import account_for
from masthead.paywall.crawlers import claims_to_be_crawler, user_agent_of
from masthead.paywall.selectors import current_rules
from masthead.paywall.services import access_for


def answer_from(cache: PageCache, key: str, request, page: Page | None = None):
    """The kept page this reader gets, or None to render it (the access is then reused)."""
    page = page or cache.page(key)
    if page is None:
        return None
    route = page.route
    stamp = page_versions().stamp(route.tags)
    if stamp is None:
        return None
    access = None
    if route.page.kind is PageKind.ARTICLE:
        access = access_for(request, facts=route.facts, rules=current_rules())
        # Metered once: if this variant must be rendered, the rendering path uses this answer.
        request.masthead_access = access
    reader = reader_view(request, access)
    delivery = deliver(route.page, reader, pieces.all)
    if not delivery.kept:
        return None
    shared = cache.variant(key, delivery.variant, stamp)
    if shared is None:
        if cache.shared.claim(key, delivery.variant, cache.FILL_SECONDS):
            request.masthead_filling = (key, delivery.variant)
            return None
        # Someone else is rendering it. A front (never any withheld text) is sent
        # as it was a moment ago meanwhile; an article waits for the new copy.
        if route.page.kind is PageKind.FRONT:
            shared = cache.last_copy(key, delivery.variant)
        if shared is None:
            shared = cache.wait_for(key, delivery.variant, stamp)
        if shared is None:
            return None
    tell_page_sent(request, route.page, access, reader)
    return response_from(shared, access, request, delivery)


def _no_session(request) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not has_messages(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and not claims_to_be_crawler(user_agent_of(request))
    )


class SharedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if settings.MASTHEAD_EDGE["enabled"] else None
        if key is None:
            return self.get_response(request)
        cache = page_cache()
        try:
            if _no_session(request):
                response = answer_from(cache, key, request)
                if response is not None:
                    return response
            response = self.get_response(request)
            if response.get("X-Masthead-Cache") == "hit":
                return response
            kept = shared_copy(request, response)
            if kept is not None:
                route, variant, copy = kept
                cache.put(key, route, variant, copy)
            return response
        finally:
            filling = getattr(request, "masthead_filling", None)
            if filling is not None:
                cache.shared.release(*filling)


class SharedAccountPageMiddleware:
    """Readers with a session, from the pages kept for their kind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if settings.MASTHEAD_EDGE["enabled"] else None
        if key is None:
            return self.get_response(request)
        cache = page_cache()
        page = cache.page(key)
        # The session and account are looked at only for a kept page.
        if page is None or has_messages(request):
            return self.get_response(request)
        account = account_for(request)
        if account is None:
            return self.get_response(request)
        request.masthead_account = account  # asked once: the access and delivery use it too
        try:
            response = answer_from(cache, key, request, page)
        finally:
            del request.masthead_account
        return response if response is not None else self.get_response(request)
