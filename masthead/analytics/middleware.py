"""Leaves the request where a conversion recorded during it can find the reader's identity."""

from __future__ import annotations

from masthead.analytics.attribution import current_request


class ConversionRequestMiddleware:
    """After the shared page cache: pages sent from it never get this far."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
