"""How a page reaches a reader: one road for rendered pages and for pages from the cache.

A view renders its page and calls :func:`send_page` with the page's facts and
the paywall's access. The delivery decision (``delivery.py``) then sets the
``Cache-Control`` header, the per-reader pieces are filled in after rendering,
and the page is marked with what the shared cache may keep of it. A page
from the cache is made by :func:`response_from` with the same decision and
the same filling, so the two cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

from masthead.core.pieces import Parts, fill, pieces, split
from masthead.core.versions import Stamp, at_once_tags, page_versions
from masthead.edge.delivery import Delivery, PageFacts, ReaderView, deliver
from masthead.edge.extensions import not_pages, personal_parameters, tell_page_sent
from masthead.edge.release import release_mark
from masthead.edge.store import Kept, Route, SharedResponse
from masthead.paywall.accounts import account_for
from masthead.paywall.identity import READER_COOKIE, set_reader_cookie
from masthead.paywall.policy import ReaderKind
from masthead.paywall.services import Access, is_preview

# Set per response, never kept.
PER_RESPONSE_HEADERS = frozenset({"content-length", "set-cookie", "date", "x-masthead-cache"})


@dataclass
class Delivered:
    """What a sent page is, for the shared cache: its route, the decision, its parts.

    ``stamp``: its tags' versions, read before it was rendered, so that a page
    rendered while a change landed is never kept as current.
    """

    route: Route
    delivery: Delivery
    stamp: Stamp | None
    parts: Parts | None = None
    at_once: Stamp | None = None  # the at-once companions' versions (``Kept.at_once``)


def page_key(request: HttpRequest) -> str | None:
    """Where a page lives in the shared cache, or None when this request may not use it.

    The site's configured address and the path: the request's spelling of the
    host never makes an entry of its own. Only a plain GET qualifies, with no
    query string (pagination, tracking and tricks all take the full path),
    and never the newsroom's preview requests, nor an address that is never a
    page (``extensions.not_pages``). The release's mark comes first: a page kept
    by the templates of an earlier release is never sent by this one.
    """
    if request.method != "GET" or request.META.get("QUERY_STRING") or is_preview(request):
        return None
    if request.path.startswith(not_pages.items):
        return None
    return f"{release_mark()}:{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{request.path}"


def rendered_again(request: HttpRequest) -> bool:
    """Whether this is a kept page rendered again off a reader's path (``revalidation.py``)."""
    return getattr(request, "masthead_again", False)


def has_messages(request: HttpRequest) -> bool:
    """Whether messages wait for this reader: Django keeps them in a cookie (overflow noted)."""
    return CookieStorage.cookie_name in request.COOKIES


def reader_view(request: HttpRequest, access: Access | None) -> ReaderView:
    if access is not None:
        kind, logged_in = access.reader.kind, access.reader.account
    else:
        account = account_for(request)
        kind = account.kind if account else ReaderKind.ANONYMOUS
        logged_in = account is not None
    return ReaderView(
        kind=kind,
        logged_in=logged_in,
        outcome=access.outcome if access else None,
        meter_notice=bool(access and access.show_meter_notice),
        method=request.method,
        messages=has_messages(request),
        personal_address=is_personal_address(request),
    )


def is_personal_address(request: HttpRequest) -> bool:
    """Whether the address carries one reader's own (``extensions.personal_parameters``)."""
    # Most requests have no query string: no QueryDict is built for them.
    if not request.META.get("QUERY_STRING"):
        return False
    return any(name in request.GET for name in personal_parameters)


def piece_values(access: Access | None, parts: Parts, request=None) -> dict[str, str]:
    """What goes in each piece of ``parts`` for this reader, now: the registered fillers say."""
    return pieces.values_for(parts, access, request)


def give_reader_cookie(request, response, access: Access | None) -> None:
    """The meter's cookie for a new browser: once a read counts, or once a piece needed it.

    (A test of an ask shows a browser the same variant on every page by its cookie.)
    """
    given = access.new_reader_cookie if access is not None else None
    given = given or getattr(request, "masthead_new_reader_id", None)
    if given:
        set_reader_cookie(response, given)


def send_page(
    request: HttpRequest,
    response: TemplateResponse,
    page: PageFacts,
    access: Access | None = None,
    *,
    tags: tuple[str, ...] = (),
) -> TemplateResponse:
    """Decide how ``response`` is sent and kept, and fill its pieces once it is rendered.

    ``tags``: what the page is made from (``versions.py``); a change to any of
    them makes the kept page out of date.
    """
    reader = reader_view(request, access)
    delivery = deliver(page, reader, pieces.all)
    if not rendered_again(request):  # its reader was told of the copy they were sent
        tell_page_sent(request, page, access, reader)
    route = Route(
        page=page,
        tags=("site", *tags),
        facts=access.facts if access else None,
    )
    delivered = Delivered(route=route, delivery=delivery, stamp=None)
    if delivery.kept:
        versions = page_versions()
        delivered.stamp = versions.stamp(route.tags)
        delivered.at_once = versions.stamp(at_once_tags(route.tags))
    response["Cache-Control"] = delivery.cache_control
    patch_vary_headers(response, ["Cookie"])
    if response.context_data is not None:
        response.context_data["delivery"] = delivery  # where the templates put their pieces

    def fill_pieces(rendered):
        delivered.parts = split(rendered.content)
        rendered.content = fill(delivered.parts, piece_values(access, delivered.parts, request))
        give_reader_cookie(request, rendered, access)

    response.add_post_render_callback(fill_pieces)
    response.masthead_delivered = delivered
    return response


def shared_copy(request: HttpRequest, response: HttpResponse) -> tuple[Route, str, Kept] | None:
    """What of a sent ``response`` the shared cache may keep, under which variant, or None."""
    delivered = getattr(response, "masthead_delivered", None)
    if delivered is None or not delivered.delivery.kept or delivered.parts is None:
        return None
    if delivered.stamp is None:
        return None
    if response.status_code != 200 or response.streaming:
        return None
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None
    if any(name not in (READER_COOKIE, settings.SESSION_COOKIE_NAME) for name in response.cookies):
        return None
    headers = tuple(
        (name, value)
        for name, value in response.items()
        if name.lower() not in PER_RESPONSE_HEADERS
    )
    shared = SharedResponse(status=response.status_code, headers=headers, parts=delivered.parts)
    kept = Kept(delivered.stamp, shared, delivered.at_once)
    return delivered.route, delivered.delivery.variant, kept


def response_from(
    shared: SharedResponse, access: Access | None, request=None, delivery: Delivery | None = None
) -> HttpResponse:
    """A kept page for this reader; ``delivery``: this request's decision (its Cache-Control)."""
    body = shared.body(piece_values(access, shared.parts, request))
    response = HttpResponse(body, status=shared.status)
    for name, value in shared.headers:
        response[name] = value
    if delivery is not None:  # whether it may be shared downstream is decided now, not then
        response["Cache-Control"] = delivery.cache_control
    response["Content-Length"] = str(len(body))
    response["X-Masthead-Cache"] = "hit"
    if request is not None:
        give_reader_cookie(request, response, access)
    elif access is not None and access.new_reader_cookie:
        set_reader_cookie(response, access.new_reader_cookie)
    return response
