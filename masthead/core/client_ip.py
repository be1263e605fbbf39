"""The reader's address, trusting forwarding headers only from our own proxies.

With ``MASTHEAD_TRUSTED_PROXY_COUNT = 0`` (no proxy in front) the address is
the socket's, whatever headers say. With N proxies, each appends the address
it received from to ``X-Forwarded-For``; the client is the N-th entry from the
right. Anything further left was written by the client and is ignored.
"""

from __future__ import annotations

from functools import lru_cache
from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=4096)  # every request asks; a reader's address recurs
def _valid(candidate: str) -> str | None:
    try:
        return str(ip_address(candidate.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest, trusted_proxies: int | None = None) -> str | None:
    trusted = settings.MASTHEAD_TRUSTED_PROXY_COUNT if trusted_proxies is None else trusted_proxies
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    if trusted <= 0:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < trusted:
        return None  # fewer hops than our own proxies add: not a request through them
    return _valid(hops[-trusted])
