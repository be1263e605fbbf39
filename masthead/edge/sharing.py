"""Which requests may be answered from the shared cache, and which responses may fill it."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from masthead.edge.store import Route, SharedResponse
from masthead.paywall.crawlers import claims_to_be_crawler
from masthead.paywall.identity import READER_COOKIE

# The reader's own count in the meter notice: the one per-reader part of a full-text page.
METER_NOTICE = b'<aside class="meter-notice"'
USED_COUNT = re.compile(rb"(You have read )(\d+)( of )")
# Set per response, never kept.
PER_RESPONSE_HEADERS = {"content-length", "set-cookie", "date", "x-masthead-cache"}


def mark_shared(
    response: HttpResponse, route: Route, variant: str = "page", used: int | None = None
) -> HttpResponse:
    """Say that ``response`` is what any anonymous reader gets for this route and variant.

    ``used`` is the reader's count shown in the meter notice, which is the
    part each reader gets their own of.
    """
    response.masthead_route = route
    response.masthead_variant = variant
    response.masthead_used = used
    return response


def cache_key(request: HttpRequest) -> str | None:
    """Scheme, host and path, or None when the request may not come from the cache.

    Only a plain GET by a reader with no session qualifies: no query string
    (pagination, tracking and tricks all take the full path), no claim to be
    a search engine (verified by DNS on the full path), no session cookie (a
    logged-in reader sees their own header).
    """
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    if claims_to_be_crawler(request.headers.get("User-Agent", "")):
        return None
    return page_key(request)


def page_key(request: HttpRequest) -> str | None:
    """Where a page lives: scheme, host and path (None for a host we do not serve)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return f"{request.scheme}://{host}{request.path}"


def shared_copy(request: HttpRequest, response: HttpResponse) -> SharedResponse | None:
    """What of ``response`` may be sent to every anonymous reader, or None."""
    if getattr(response, "masthead_route", None) is None or response.status_code != 200:
        return None
    if response.streaming or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None
    if any(name != READER_COOKIE for name in response.cookies):
        return None
    headers = tuple(
        (name, value)
        for name, value in response.items()
        if name.lower() not in PER_RESPONSE_HEADERS
    )
    pieces = (response.content,)
    if response.masthead_used is not None:
        notice = response.content.find(METER_NOTICE)
        match = USED_COUNT.search(response.content, notice) if notice >= 0 else None
        if match is None or int(match.group(2)) != response.masthead_used:
            return None
        pieces = (response.content[: match.end(1)], response.content[match.start(3) :])
    return SharedResponse(status=response.status_code, headers=headers, pieces=pieces)


def response_from(shared: SharedResponse, used: int | None = None) -> HttpResponse:
    body = shared.body(used)
    response = HttpResponse(body, status=shared.status)
    for name, value in shared.headers:
        response[name] = value
    response["Content-Length"] = str(len(body))
    response["X-Masthead-Cache"] = "hit"
    return response
