"""Old WordPress query links (``/?p=123``, ``/?page_id=7``) answered with their redirect.

Wagtail's redirects are looked up only when a page is not found, and ``/``
always finds the front page, so ``/?p=123`` would show the front instead of
the story. This runs first (before the shared page cache, which would answer
with the front too): a request for ``/`` whose query names a WordPress post
gets the permanent redirect the import stored for it. Any other request
passes untouched, at the cost of one string check.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# The query keys WordPress answers on its front page: posts, pages and attachments.
WORDPRESS_KEYS = frozenset({"p", "page_id", "attachment_id"})


class OldQueryLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and WORDPRESS_KEYS.intersection(request.GET):
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
            redirect = get_redirect(request, path)
            if redirect is not None and redirect.link:
                response_class = (
                    HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                )
                return response_class(redirect.link)
        return self.get_response(request)
