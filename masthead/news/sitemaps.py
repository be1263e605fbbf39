"""``sitemap.xml`` (every published page) and the Google News sitemap (the last 48 hours).

``/sitemap.xml`` is a sitemap index: it points to ``/sitemap-fronts.xml`` and
to as many parts of ``/sitemap-articles.xml?p=N`` as the archive needs, each
of at most ``MASTHEAD_SITEMAP_PART_SIZE`` URLs (50,000, the protocol's limit),
so every published article is listed however large the archive grows.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from masthead.corrections.selectors import last_corrected_at
from masthead.news.models import ArticlePage, HomePage, SectionPage
from masthead.news.selectors import articles_published_since, published_articles


class FrontsSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return [
            *HomePage.objects.live().public().order_by("path"),
            *SectionPage.objects.live().public().order_by("path"),
        ]

    def location(self, page):
        return page.url

    def lastmod(self, page):
        """A front changes whenever a story under it does."""
        newest = (
            ArticlePage.objects.live()
            .descendant_of(page)
            .aggregate(newest=Max("last_published_at"))
        )["newest"]
        return max(filter(None, [newest, page.last_published_at]), default=None)


class ArticlesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    @property
    def limit(self) -> int:
        return settings.MASTHEAD_SITEMAP_PART_SIZE

    def items(self):
        # Oldest first by id: a new story lands in the last part, the others stay put.
        return (
            published_articles()
            .prefetch_related(None)
            .select_related(None)
            .only("url_path", "path", "depth", "first_published_at", "last_published_at")
            .annotate(last_corrected_at=last_corrected_at())
            .order_by("pk")
        )

    def location(self, article):
        return article.url

    def lastmod(self, article):
        """A correction changes the story as much as a republication does."""
        return max(filter(None, [article.last_published_at, article.last_corrected_at]))


SITEMAPS = {"fronts": FrontsSitemap, "articles": ArticlesSitemap}


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(hours=settings.MASTHEAD_NEWS_SITEMAP_HOURS)
    articles = articles_published_since(since).prefetch_related(None).select_related(None)
    return TemplateResponse(
        request,
        "news/news_sitemap.xml",
        {
            "articles": articles[:1000],
            "publication_name": settings.MASTHEAD_PUBLICATION_NAME,
            "language": settings.MASTHEAD_PUBLICATION_LANGUAGE.split("-")[0],
        },
        content_type="application/xml; charset=utf-8",
    )
