"""Render an article for one request, after the paywall has decided.

The body comes through ``readable_body`` (the teaser only, when withheld);
how the page is sent and what may be kept of it is the delivery decision's
(``masthead.edge.sending``). A preview renders the revision being previewed,
is never counted, and is never kept.
"""

from __future__ import annotations

from django.template.response import TemplateResponse

from masthead.edge.delivery import PageFacts, PageKind
from masthead.edge.sending import send_page
from masthead.news.related import related_links_for
from masthead.news.structured_data import article_metadata
from masthead.paywall.body import readable_body
from masthead.paywall.services import article_access, article_facts, is_preview


def serve_article(article, request) -> TemplateResponse:
    preview = is_preview(request)
    # The shared page cache may already have metered this request (masthead/edge),
    # on facts it kept; they are used only if the article still has them.
    access = None if preview else getattr(request, "masthead_access", None)
    if access is None or access.facts != article_facts(article):
        access = article_access(request, article)
    teaser_paragraphs = article.teaser_paragraphs or access.rules.teaser_paragraphs
    body = readable_body(article, access.outcome, teaser_paragraphs, preview=preview)
    context = article.get_context(request)
    context.update(
        meta=article_metadata(article=article, request=request),
        body=body,
        access=access,
        offer=access.outcome if not access.outcome.is_full else None,
        related_links=related_links_for(article),
    )
    extra = getattr(article, "reader_context", None)  # a live blog's entries (masthead/liveblogs)
    if extra is not None:
        context.update(extra(request, access, preview=preview))
    response = TemplateResponse(request, article.get_template(request), context)
    page = PageFacts(
        kind=PageKind.ARTICLE,
        preview=preview,
        restricted=bool(article.get_view_restrictions()),
        page_id=article.pk,
    )
    return send_page(request, response, page, access, tags=(*article.shared_cache_tags(), "rules"))
