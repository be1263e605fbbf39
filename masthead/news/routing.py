"""Serving a page with Wagtail, an article found in one query by its address.

Wagtail's router walks the tree a level at a time, two queries a level. A
paper's addresses are ``/<section>/<slug>/``, so an article is found in one
query by its ``url_path``, with its authors, topics and hero renditions, and
handed to Wagtail as the request's route and site (``Page.route_for_request``
and ``Site.find_for_request`` keep them on the request, as their
documentation says). Wagtail's own serving
then runs as always: its ``before_serve_page`` hooks (page privacy, methods)
and the page's ``serve``. Anything else (fronts, another letter case, an old
slug, a page that is not there) takes Wagtail's router.
"""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.models import Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from masthead.core.kept import kept_until_changed
from masthead.news.models import ArticleAuthor, ArticlePage


@kept_until_changed("site")
def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def root_url_path() -> str | None:
    site = default_site()
    return site.root_page.url_path if site else None


def article_at(path: str) -> ArticlePage | None:
    parts = [part for part in path.split("/") if part]
    root = root_url_path() if len(parts) == 2 else None
    if root is None:
        return None
    return (
        ArticlePage.objects.live()
        # By slug first: Wagtail indexes slugs, not url_path.
        .filter(slug=parts[1], url_path=f"{root}{parts[0]}/{parts[1]}/")
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            "topics",
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )
        .first()
    )


def serve(request, path: str):
    article = article_at(path)
    if article is not None and article.specific_class is not ArticlePage:
        article = article.specific  # a story of its own kind (a live blog) serves as itself
    if article is not None:
        # Both documented as kept on the request by Wagtail; the paper is one site.
        request._wagtail_site = default_site()
        request._wagtail_route_for_request = RouteResult(article)
    return wagtail_serve(request, path)
