"""The live blog's updates: the entries a reader may have, newer than the newest they have.

``/live/<blog>/after/<entry>/`` answers JSON: each entry's id and HTML
(newest first) and, once the coverage has closed, when it ended. It decides
access as the page does but never counts a read (``access.update_access``),
so a reader past the allowance is sent nothing beyond the blog's teaser
entries. Nothing the reader sends is trusted: the ids are numbers in range,
the blog must be live and readable by this reader, the entry must be the
blog's own (0: from the start); anything else is a 400 or a 404.

It is cheap by design: one query for the blog, one for its entries, the
meter read only for a metered reader, and each entry's HTML kept until the
blog is published again.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from masthead.liveblogs.access import update_access
from masthead.liveblogs.entries import entries_after
from masthead.liveblogs.models import LiveBlogPage
from masthead.liveblogs.response import blog_entries, teaser_entries

LARGEST_ID = 2**31 - 1
ENTRY_HTML_SECONDS = 3600
# Readers poll every few seconds: their browser may keep an answer that long, no longer.
CACHE_CONTROL = "private, max-age=4"


def readable_blog(request, page_id: int) -> LiveBlogPage:
    blog = LiveBlogPage.objects.live().filter(pk=page_id).first()
    if blog is None:
        raise Http404("No such live blog")
    if any(not restriction.accept_request(request) for restriction in blog.get_view_restrictions()):
        raise Http404("No such live blog")
    return blog


def entry_html(entry, blog) -> str:
    published = blog.last_published_at.isoformat() if blog.last_published_at else ""
    key = f"live-entry:{entry.pk}:{published}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("liveblogs/entry.html", {"entry": entry})
        cache.set(key, html, ENTRY_HTML_SECONDS)
    return html


@require_safe
def entries_after_view(request, page_id: int, entry_id: int):
    if page_id > LARGEST_ID or entry_id > LARGEST_ID:
        return HttpResponseBadRequest("Not an id.")
    if request.GET:
        return HttpResponseBadRequest("This address takes no query.")
    blog = readable_blog(request, page_id)
    entries = blog_entries(blog)
    if entry_id and not any(entry.pk == entry_id for entry in entries):
        raise Http404("No such entry in this live blog")
    access = update_access(request, blog)
    newer = entries_after(
        entries, entry_id, full=access.outcome.is_full, teaser_count=teaser_entries(blog, access)
    )
    response = JsonResponse(
        {
            "entries": [{"id": entry.pk, "html": entry_html(entry, blog)} for entry in newer],
            "ended": blog.coverage_end.isoformat() if blog.coverage_end else None,
        }
    )
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = "Cookie"
    return response
