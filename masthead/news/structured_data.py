"""What an article tells machines: canonical URL, OpenGraph, Twitter card, JSON-LD.

Built from the same fields the page shows (headline, standfirst, image), never
from the body, so no metadata surface can carry more than the reader sees.

A story shared on social media may wear a social headline and image of its
own (OpenGraph and Twitter); the JSON-LD keeps the headline and hero the page
shows, under schema.org's own type for the kind of story (``SCHEMA_TYPES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.safestring import SafeString
from wagtail.images.models import Filter

from masthead.core.jsonld import jsonld_script
from masthead.corrections.selectors import corrections_of, updated_time
from masthead.news.models import ArticleKind, ArticlePage

SHARE_IMAGE_SPEC = "fill-1200x630"
METERED_PART_CLASS = "article__metered"
SCHEMA_TYPES = {
    ArticleKind.NEWS: "NewsArticle",
    ArticleKind.ANALYSIS: "AnalysisNewsArticle",
    ArticleKind.OPINION: "OpinionNewsArticle",
    ArticleKind.REVIEW: "ReviewNewsArticle",
    # schema.org has no type for an obituary; it is reported news about a life.
    ArticleKind.OBITUARY: "NewsArticle",
}


@dataclass(frozen=True)
class PageMetadata:
    canonical_url: str
    title: str
    description: str
    image_url: str
    image_alt: str
    published: str
    modified: str
    section: str
    jsonld: SafeString
    updated: datetime | None = None  # the "Updated" time readers see: republished or corrected
    corrections: tuple = ()  # the story's corrections, newest first (masthead/corrections)


def site_url(path: str) -> str:
    """An address on the paper's configured site, whatever ``Host`` the request spelled."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@cache
def share_filter() -> Filter:
    """The social cards' size as Wagtail's filter, parsed once per process."""
    return Filter(spec=SHARE_IMAGE_SPEC)


def share_image(image) -> tuple[str, str]:
    """The image's absolute address at the size social cards use, and its alt text.

    Found among the renditions the story was read with when it is there: Wagtail's
    ``get_rendition`` would also write it to the renditions cache on every page.
    """
    if image is None:
        return "", ""
    rendition = image.find_existing_renditions(share_filter()).get(share_filter())
    if rendition is None:
        rendition = image.get_rendition(share_filter())
    return site_url(rendition.url), image.alt_text


def corrections_on_record(article: ArticlePage) -> list:
    """The story's corrections. A story read with ``last_corrected_at`` annotated (the
    article's own query, or a list's) that has never been corrected costs no query."""
    if not article.pk:
        return []
    if hasattr(article, "last_corrected_at") and article.last_corrected_at is None:
        return []
    return corrections_of(article.pk)


def article_metadata(*, article: ArticlePage, request: HttpRequest) -> PageMetadata:
    canonical = site_url(article.get_url(request))
    image_url, image_alt = share_image(article.hero_image)
    if article.social_image:
        social_image_url, social_image_alt = share_image(article.social_image)
    else:
        social_image_url, social_image_alt = image_url, image_alt
    published = article.published_at.isoformat() if article.published_at else ""
    corrections = corrections_on_record(article)
    updated = updated_time(article.updated_at, corrections)
    modified_at = updated or article.published_at
    modified = modified_at.isoformat() if modified_at else ""
    section = article.section.title if article.section else ""
    free = article.is_free_to_read()
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(article.kind, "NewsArticle"),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": article.title,
        "description": article.standfirst,
        "image": [image_url] if image_url else [],
        "datePublished": published,
        "dateModified": modified,
        "articleSection": section,
        "inLanguage": settings.MASTHEAD_PUBLICATION_LANGUAGE,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": site_url(author.get_absolute_url()),
            }
            for author in article.authors
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.MASTHEAD_PUBLICATION_NAME,
            "url": site_url("/"),
            "logo": {
                "@type": "ImageObject",
                "url": site_url(static("masthead/logo.png")),
            },
        },
        "isAccessibleForFree": free,
    }
    if not free:
        # Google's paywalled-content markup: the part past the teaser is marked up
        # by this selector in the full page (see templates/news/article_page.html).
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": f".{METERED_PART_CLASS}",
        }
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.corrected_at.isoformat(),
            }
            for correction in corrections
        ]
    return PageMetadata(
        canonical_url=canonical,
        title=article.social_headline or article.title,
        description=article.standfirst,
        image_url=social_image_url,
        image_alt=social_image_alt,
        published=published,
        modified=modified,
        section=section,
        jsonld=jsonld_script(data),
        updated=updated,
        corrections=tuple(corrections),
    )
