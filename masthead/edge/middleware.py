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
not, and the change allows it, the copy of a moment ago is sent while one
render runs off the readers' path (``revalidation.py``); otherwise one
request renders it and the others wait a moment for its copy instead of
rendering it too. Previews,
restricted pages and the newsroom are never answered from here: the
delivery decision never keeps them.
"""

from __future__ import annotations

from django.conf import settings

from masthead.core.pieces import pieces
from masthead.core.versions import page_versions
from masthead.edge.delivery import PageKind, deliver
from masthead.edge.extensions import tell_page_sent
from masthead.edge.revalidation import render_again_later, stale_allowed
from masthead.edge.sending import (
    has_messages,
    page_key,
    reader_view,
    rendered_again,
    response_from,
    shared_copy,
)
from masthead.edge.store import Page, PageCache, page_cache
from masthead.paywall.accounts import account_for
from masthead.paywall.crawlers import claims_to_be_crawler, user_agent_of
from masthead.paywall.selectors import current_rules
from masthead.paywall.services import access_for

SENT_FROM_CACHE = frozenset({"hit", "stale"})


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
    kept = cache.kept(key, delivery.variant, stamp)
    if kept is not None and kept.stamp == stamp:
        shared, state = kept.response, "hit"
    else:
        # Out of date or never kept. A copy the change allows to go on being sent for a
        # few seconds is sent while one render runs off every reader's path
        # (revalidation.py); otherwise one request renders it and the others wait.
        stale = kept if kept is not None and stale_allowed(kept, route.tags) else None
        shared, state = None, "stale"
        if cache.shared.claim(key, delivery.variant, cache.FILL_SECONDS):
            if stale is not None and render_again_later(request, access, key, delivery.variant):
                shared = stale.response
            else:
                request.masthead_filling = (key, delivery.variant)
                return None
        elif stale is not None:
            shared = stale.response
        else:
            shared, state = cache.wait_for(key, delivery.variant, stamp), "hit"
            if shared is None:
                return None
    tell_page_sent(request, route.page, access, reader)
    response = response_from(shared, access, request, delivery)
    if state == "stale":
        response["X-Masthead-Cache"] = "stale"
    return response


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
            if _no_session(request) and not rendered_again(request):
                response = answer_from(cache, key, request)
                if response is not None:
                    return response
            response = self.get_response(request)
            if response.get("X-Masthead-Cache") in SENT_FROM_CACHE:
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
            after = getattr(request, "masthead_after", None)
            if after is not None:  # revalidate "inline" (tests): after the reader's copy
                del request.masthead_after
                after()


class SharedAccountPageMiddleware:
    """Readers with a session, from the pages kept for their kind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if settings.MASTHEAD_EDGE["enabled"] else None
        if key is None or rendered_again(request):
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
