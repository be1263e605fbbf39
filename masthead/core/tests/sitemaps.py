"""Every URL a sitemap lists, following a sitemap index to its parts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(get: Callable[[str], bytes | str], url: str = "/sitemap.xml") -> list[str]:
    """``get(path_with_query)`` returns a sitemap's body; the result is every page's URL."""
    root = ET.fromstring(get(url))
    if root.tag.endswith("sitemapindex"):
        urls = []
        for loc in root.findall("s:sitemap/s:loc", NS):
            part = urlsplit(loc.text)
            urls += sitemap_locations(get, part.path + (f"?{part.query}" if part.query else ""))
        return urls
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]
