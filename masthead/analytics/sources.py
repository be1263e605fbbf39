"""Where a page view came from, read from its ``Referer`` and Masthead's own link parameters.

Only a domain is ever kept, never the page the reader came from. Pure
functions of strings, cached: the same referrers come again and again.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

SEARCH_ENGINES = (
    "google.",
    "bing.com",
    "duckduckgo.com",
    "search.yahoo.",
    "yahoo.com",
    "ecosia.org",
    "qwant.com",
    "startpage.com",
    "baidu.com",
    "yandex.",
    "search.brave.com",
    "kagi.com",
)
SOCIAL_NETWORKS = (
    "facebook.com",
    "fb.me",
    "t.co",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "lnkd.in",
    "reddit.com",
    "bsky.app",
    "threads.net",
    "threads.com",
    "instagram.com",
    "mastodon.social",
    "news.ycombinator.com",
    "whatsapp.com",
    "youtube.com",
    "tiktok.com",
    "flipboard.com",
)
# Masthead's own links: a newsletter's click opens the story with ``?from=email&edition=N``.
EMAIL_VALUES = frozenset({"email", "newsletter"})


def _domain(host: str) -> str:
    host = host.lower().split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _is(domain: str, names: tuple[str, ...]) -> bool:
    for name in names:
        if name.endswith("."):
            if domain.startswith(name) or f".{name}" in f".{domain}":
                return True
        elif domain == name or domain.endswith(f".{name}"):
            return True
    return False


@lru_cache(maxsize=4096)
def from_referrer(referrer: str, own_host: str) -> tuple[str, str]:
    """``(source, detail)`` for a ``Referer`` header; ``own_host`` is the paper's own host."""
    if not referrer:
        return "direct", ""
    try:
        host = urlsplit(referrer).hostname or ""
    except ValueError:
        return "other", ""
    domain = _domain(host)
    if not domain:
        return "other", ""
    if domain == _domain(own_host):
        return "internal", ""
    if _is(domain, SEARCH_ENGINES):
        return "search", domain[:100]
    if _is(domain, SOCIAL_NETWORKS):
        return "social", domain[:100]
    return "other", domain[:100]


@lru_cache(maxsize=1024)
def from_parameters(query: str) -> tuple[str, str] | None:
    """``(source, detail)`` said by the address's own parameters, or None when they say nothing."""
    params = parse_qs(query, max_num_fields=20)
    if "gift" in params:
        return "gift", ""
    said = (params.get("from") or params.get("utm_medium") or params.get("utm_source") or [""])[0]
    if said.lower() in EMAIL_VALUES:
        edition = (params.get("edition") or [""])[0]
        return "newsletter", edition[:20] if edition.isdigit() else ""
    return None


def source_of(query: str, referrer: str, own_host: str) -> tuple[str, str]:
    """The page view's source: the link's own parameters first, then its referrer."""
    if query:
        said = from_parameters(query)
        if said is not None:
            return said
    return from_referrer(referrer, own_host)
