"""Render an article for one request, after the paywall has decided.

What a response may carry and how caches may keep it follows from the one
decision: full text is ``private, no-store``; a teaser or a free article for a
reader without an account may be kept by shared caches for a minute. Every
article response varies on the cookie.
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from masthead.edge.logged_in import account_variant, keep_when_rendered
from masthead.edge.sharing import mark_shared
from masthead.edge.store import Route
from masthead.news.structured_data import article_metadata
from masthead.paywall.body import readable_body
from masthead.paywall.identity import set_reader_cookie
from masthead.paywall.policy import ReaderKind
from masthead.paywall.services import article_access

SHARED_CACHE_SECONDS = 60


def serve_article(article, request) -> TemplateResponse:
    # The shared page cache may already have metered this request (masthead/edge).
    access = getattr(request, "masthead_access", None) or article_access(request, article)
    account_page = account_variant(request, access)
    teaser_paragraphs = article.teaser_paragraphs or access.rules.teaser_paragraphs
    body = readable_body(article, access.outcome, teaser_paragraphs)
    context = article.get_context(request)
    context.update(
        meta=article_metadata(article=article, request=request),
        body=body,
        access=access,
        offer=access.outcome if not access.outcome.is_full else None,
    )
    response = TemplateResponse(request, article.get_template(request), context)

    reader = access.reader
    if access.new_reader_cookie:
        set_reader_cookie(response, access.new_reader_cookie)
    same_for_everyone = reader.kind is ReaderKind.ANONYMOUS and not (
        access.metered and access.outcome.is_full
    )
    if not same_for_everyone:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(
            response, public=True, max_age=SHARED_CACHE_SECONDS, s_maxage=SHARED_CACHE_SECONDS
        )
    patch_vary_headers(response, ["Cookie"])
    route = Route(kind="article", facts=access.facts, rules=access.rules)
    used = access.notice_count
    if account_page is not None:
        mark_shared(response, route, variant=account_page, used=used)
        keep_when_rendered(request, response, account_page)
    elif reader.kind is ReaderKind.ANONYMOUS and request.method == "GET":
        mark_shared(response, route, variant=access.outcome.value, used=used)
    return response
