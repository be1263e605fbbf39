"""A live blog's JSON-LD: the article's own, as schema.org's ``LiveBlogPosting``.

It starts from the article's metadata (``news.structured_data``), so the
headline, authors, publisher, access markup and anything else an article
carries stay one code path, and adds the coverage times and one
``BlogPosting`` per entry the reader gets: headline and time only, never
an entry's words.
"""

from __future__ import annotations

import json
from dataclasses import replace

from masthead.core.jsonld import jsonld_script
from masthead.news.structured_data import PageMetadata, article_metadata

SCRIPT_OPEN = '<script type="application/ld+json">'


def script_data(script: str) -> dict:
    return json.loads(script.removeprefix(SCRIPT_OPEN).removesuffix("</script>"))


def entry_posting(entry, canonical: str, blog_headline: str) -> dict:
    posting = {
        "@type": "BlogPosting",
        "headline": entry.headline or blog_headline,
        "datePublished": entry.time.isoformat(),
        "url": f"{canonical}#entry-{entry.pk}",
    }
    if entry.author:
        posting["author"] = {"@type": "Person", "name": entry.author.name}
    return posting


def live_blog_metadata(*, blog, request, entries: list) -> PageMetadata:
    """``entries``: those this reader is given, newest first."""
    meta = article_metadata(article=blog, request=request)
    data = script_data(str(meta.jsonld))
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = blog.coverage_start.isoformat()
    if blog.coverage_end:
        data["coverageEndTime"] = blog.coverage_end.isoformat()
    data["liveBlogUpdate"] = [
        entry_posting(entry, meta.canonical_url, blog.title) for entry in entries
    ]
    if entries:
        newest = max(entry.time for entry in entries).isoformat()
        data["dateModified"] = max(data.get("dateModified") or "", newest)
    return replace(meta, jsonld=jsonld_script(data))
