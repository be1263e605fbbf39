from django.conf import settings
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve as media_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core import views as core_views
from masthead.news import feeds, routing
from masthead.news import views as news_views
from masthead.news.sitemaps import SITEMAPS, news_sitemap
from masthead.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-part"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-part"),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
    path("feeds/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("search/", search_views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("privacy/", core_views.privacy, name="privacy"),
    path("", include("masthead.appeals.urls")),
    path("", include("masthead.subscriptions.urls")),
    path("", include("masthead.accounts.urls")),
    path("", include("masthead.payments.urls")),
    path("", include("masthead.newsletters.urls")),
    path("", include("masthead.corrections.urls")),
    path("", include("masthead.liveblogs.urls")),
    path("", include("masthead.gifts.urls")),
    path("", include("masthead.institutions.urls")),
    path("", include("masthead.groups.urls")),
    path("", include("masthead.offers.urls")),
    path("authors/<slug:slug>/", news_views.author_page, name="author"),
    path("topics/<slug:slug>/", news_views.topic_page, name="topic"),
    path("<slug:section_slug>/feed/", feeds.SectionFeed(), name="section-feed-rss"),
    path("<slug:section_slug>/feed/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
]

if settings.MASTHEAD_SERVE_MEDIA:
    # One-machine installs serve uploads from the app; at scale nginx or S3 does.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            media_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail's pages, an article found in one query (masthead/news/routing.py).
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", routing.serve, name="page"),
    path("", include(wagtail_urls)),
]

handler500 = "masthead.core.views.server_error"
