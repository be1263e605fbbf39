"""Serving a page with Wagtail, an article found in one query by its address.

Wagtail's router walks the tree a level at a time, two queries a level. A
paper's addresses are ``/<section>/<slug>/``, so an article is found in one
query by its ``url_path``, then its authors, topics and hero renditions, and
handed to Wagtail as the request's route and site (``Page.route_for_request``
and ``Site.find_for_request`` keep them on the request, as their
documentation says). Wagtail's own serving
then runs as always: its ``before_serve_page`` hooks (page privacy, methods)
and the page's ``serve``. Anything else (fronts, another letter case, an old
slug, a page that is not there) takes Wagtail's router.
"""

from __future__ import annotations

from functools import cache

from django.db.models import QuerySet
from wagtail.models import Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from masthead.core.kept import kept_until_changed
from masthead.corrections.selectors import last_corrected_at
from masthead.news.models import ArticleAuthor, ArticlePage, Topic
from masthead.news.related import has_related_links


@kept_until_changed("site")
def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def root_url_path() -> str | None:
    site = default_site()
    return site.root_page.url_path if site else None


@cache
def stories() -> QuerySet[ArticlePage]:
    """Live stories as a story's page reads one, built once per process: each lookup only
    adds an address (building this query cost as much as running it).

    Each story comes with its hero image, and knows whether it was ever corrected
    (``news.structured_data``) and has related links (``news.related``): most have
    neither, and then cost no query for them.
    """
    return (
        ArticlePage.objects.live()
        .annotate(last_corrected_at=last_corrected_at(), has_related_links=has_related_links())
        .select_related("hero_image")
        .order_by()  # one page has an address: no ordering to compile or sort by
    )


@cache
def story_parts() -> tuple[QuerySet, QuerySet]:
    """A story's topics and its authors (with their rows' order), built once per process."""
    authors = ArticleAuthor.objects.select_related("author").order_by("sort_order")
    return Topic.objects.all(), authors


def article_at(path: str) -> ArticlePage | None:
    parts = [part for part in path.split("/") if part]
    root = root_url_path() if len(parts) == 2 else None
    if root is None:
        return None
    # By slug first: Wagtail indexes slugs, not url_path.
    found = stories().filter(slug=parts[1], url_path=f"{root}{parts[0]}/{parts[1]}/")[:1]
    article = next(iter(found), None)
    # A story of its own kind (a live blog) is read again as itself: nothing to load here.
    if article is not None and article.specific_class is ArticlePage:
        load_what_it_shows(article)
    return article


def load_what_it_shows(article: ArticlePage) -> None:
    """The story's topics, its authors and its hero image's renditions, a query each, kept
    where ``prefetch_related`` keeps them: ``article.topics.all()`` and the rest then cost
    no query. (``prefetch_related`` itself cost more than its three queries, for one page.)"""
    topics, authors = story_parts()
    keep_as_prefetched(article, "topics", topics.filter(articles=article.pk))
    keep_as_prefetched(article, "article_authors", authors.filter(article=article.pk))
    if article.hero_image is not None:
        # Through the image's manager: each rendition then knows its image without a query.
        keep_as_prefetched(article.hero_image, "renditions", article.hero_image.renditions.all())


def keep_as_prefetched(instance, name: str, queryset: QuerySet) -> None:
    """Read ``queryset`` and keep it as ``instance.<name>.all()``, as ``prefetch_related`` does."""
    queryset._fetch_all()
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def serve(request, path: str):
    article = article_at(path)
    if article is not None and article.specific_class is not ArticlePage:
        article = article.specific  # a story of its own kind (a live blog) serves as itself
    if article is not None:
        # Both documented as kept on the request by Wagtail; the paper is one site.
        request._wagtail_site = default_site()
        request._wagtail_route_for_request = RouteResult(article)
    return wagtail_serve(request, path)
