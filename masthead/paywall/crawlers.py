"""Search-engine crawlers, verified the way Google and Bing document it.

A request that claims to be Googlebot or Bingbot is believed only if a reverse
DNS lookup of its address gives a host under googlebot.com, google.com or
search.msn.com, and a forward lookup of that host gives the same address back.
The user agent only decides whether to check; it never grants anything. The
verdict is cached per address for a day.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

log = logging.getLogger(__name__)

CRAWLER_AGENTS = ("googlebot", "google-inspectiontool", "googleother", "bingbot", "adidxbot")
CRAWLER_DOMAINS = (".googlebot.com", ".google.com", ".search.msn.com")
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Resolver:
    """DNS lookups; tests pass a fake one."""

    reverse: Callable[[str], str]
    forward: Callable[[str], list[str]]


def _reverse(ip: str) -> str:
    return socket.gethostbyaddr(ip)[0]


def _forward(host: str) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, None)]


SYSTEM_RESOLVER = Resolver(reverse=_reverse, forward=_forward)


def user_agent_of(request) -> str:
    """The request's User-Agent, read from ``META``: ``request.headers`` builds a dict of
    every header, which nothing else on the way to a kept page needs."""
    return request.META.get("HTTP_USER_AGENT", "")


def claims_to_be_crawler(user_agent: str) -> bool:
    agent = user_agent.lower()
    return any(name in agent for name in CRAWLER_AGENTS)


def verify_crawler_address(ip: str, resolver: Resolver | None = None) -> bool:
    """Reverse DNS into a crawler domain, then forward DNS back to the same address."""
    resolver = resolver or SYSTEM_RESOLVER
    try:
        host = resolver.reverse(ip).rstrip(".").lower()
    except (OSError, UnicodeError):
        return False
    if not host.endswith(CRAWLER_DOMAINS):
        return False
    try:
        addresses = resolver.forward(host)
    except (OSError, UnicodeError):
        return False
    return ip in addresses


def is_verified_crawler(ip: str | None, user_agent: str, resolver: Resolver | None = None) -> bool:
    if not ip or not claims_to_be_crawler(user_agent):
        return False
    key = f"masthead:crawler:{ip}"
    verdict = cache.get(key)
    if verdict is None:
        verdict = verify_crawler_address(ip, resolver)
        cache.set(key, verdict, CACHE_SECONDS)
        if not verdict:
            log.info(
                "Crawler claim refused for %s (%s): DNS does not confirm it", ip, user_agent[:80]
            )
    return bool(verdict)
