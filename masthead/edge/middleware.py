"""Serve fronts and articles to anonymous readers from the shared cache.

First in the middleware stack: a hit skips everything else. For an article
the reader is still identified and metered on every request, through the same
``access_for`` as the full path; only the rendering is shared. A path is
cached from its second request on, under the generation read before it was
rendered, so a page rendered while a change landed is never kept as current.
"""

from __future__ import annotations

from django.conf import settings

from masthead.edge.generation import content_generation
from masthead.edge.logged_in import account_variant
from masthead.edge.sharing import cache_key, page_key, response_from, shared_copy
from masthead.edge.store import Entry, page_store
from masthead.paywall.identity import set_reader_cookie
from masthead.paywall.services import access_for


class SharedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request) if settings.MASTHEAD_EDGE["enabled"] else None
        if key is None:
            return self.get_response(request)
        store = page_store()
        if key not in store.known_paths:
            response = self.get_response(request)
            if shared_copy(request, response) is not None:
                store.known_paths.add(key)
            return response
        generation = content_generation().current()
        if generation is None:
            return self.get_response(request)
        entry = store.get(generation, key)
        if entry is not None:
            response = self._from_entry(entry, request)
            if response is not None:
                return response
        response = self.get_response(request)
        shared = shared_copy(request, response)
        if shared is not None:
            store.put(generation, key, response.masthead_route, response.masthead_variant, shared)
        return response

    def _from_entry(self, entry: Entry, request):
        route = entry.route
        if route.kind != "article":
            shared = entry.variants.get("page")
            return response_from(shared) if shared else None
        access = access_for(request, facts=route.facts, rules=route.rules)
        # Metered once: if this variant is not cached yet, the full path uses this answer.
        request.masthead_access = access
        shared = entry.variants.get(access.outcome.value)
        if shared is None:
            return None
        response = response_from(shared, access.notice_count)
        if access.new_reader_cookie:
            set_reader_cookie(response, access.new_reader_cookie)
        return response


class SharedAccountPageMiddleware:
    """Logged-in readers' article pages from the shared cache (see ``logged_in.py``).

    After the session and authentication middleware: the reader is known, so
    the meter and the variant are decided here, and a cached page skips
    Wagtail's routing and rendering. Sessions and their cookies are still
    handled on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.MASTHEAD_EDGE["enabled"] or request.method != "GET":
            return self.get_response(request)
        if request.META.get("QUERY_STRING"):
            return self.get_response(request)
        key, generation = page_key(request), content_generation().current()
        entry = page_store().get(generation, key) if key and generation else None
        # The session and account are loaded only for a cached article.
        if entry is None or entry.route.kind != "article" or not request.user.is_authenticated:
            return self.get_response(request)
        access = access_for(request, facts=entry.route.facts, rules=entry.route.rules)
        request.masthead_access = access
        variant = account_variant(request, access)
        shared = entry.variants.get(variant) if variant else None
        if shared is None:
            return self.get_response(request)
        return response_from(shared, access.notice_count)
