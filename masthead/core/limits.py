"""Rate limits: how often one reader's address may try what sends mail or guesses a secret.

django-ratelimit counts in the default cache: Redis when ``REDIS_URL`` is
set, so every server counts together. The address is the one
``masthead.core.client_ip`` trusts. Rates are ``MASTHEAD_RATE_LIMITS``, by
name ("10/h"); a name without a rate is not limited. Past a limit,
``Limited`` is raised and django-ratelimit's middleware answers with
``too_many``: the site's 429 page, saying when to try again.
(Log-in, registration and password reset are limited by allauth itself:
``ACCOUNT_RATE_LIMITS``, the same page.)
"""

from __future__ import annotations

import math
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from masthead.core.client_ip import client_ip


class Limited(Ratelimited):
    def __init__(self, wait_seconds: int):
        super().__init__(f"rate limited for {wait_seconds}s")
        self.wait_seconds = wait_seconds


def _address(group: str, request) -> str:
    return client_ip(request) or "unknown"


def check_limit(request, name: str) -> None:
    """Count one try of ``name`` from this reader's address; raise ``Limited`` past the limit."""
    rate = settings.MASTHEAD_RATE_LIMITS.get(name)
    if not rate:
        return
    usage = get_usage(request, group=name, key=_address, rate=rate, increment=True)
    if usage and usage["should_limit"]:
        raise Limited(wait_seconds=max(usage["time_left"], 1))


def limit_posts(name: str):
    """A view decorator: each POST counts as one try of ``name``."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method == "POST":
                check_limit(request, name)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def too_many(request, exception=None):
    """The 429 page: the site's layout, what happened and when to try again."""
    wait = getattr(exception, "wait_seconds", None)
    minutes = math.ceil(wait / 60) if wait else None
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    if wait:
        response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response
