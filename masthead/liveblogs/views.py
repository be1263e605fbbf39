"""The live blog's updates: the entries a reader may have, newer than the newest they have.

``/live/<blog>/after/<entry>/`` answers JSON: each entry's id and HTML
(newest first) and, once the coverage has closed, when it ended. It decides
access as the page does but never counts a read (``access.update_access``),
so a reader past the allowance is sent nothing beyond the blog's teaser
entries. Nothing the reader sends is trusted: the ids are numbers in range,
the blog must be live and readable by this reader, the entry must be the
blog's own (0: from the start); anything else is a 400 or a 404.

It is cheap by design: the blog, its privacy, its entries and each entry's
HTML are read once per publication of the blog and kept in the process
(``kept``), so a poll costs no query, and the meter is read only for a
metered reader (and for nobody when no entry is newer than the one asked
after, as for most polls).
"""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_safe

from masthead.liveblogs.access import update_access
from masthead.liveblogs.entries import entries_after
from masthead.liveblogs.kept import KeptBlog, kept_blog
from masthead.liveblogs.response import teaser_entries

LARGEST_ID = 2**31 - 1
# Readers poll every few seconds: their browser may keep an answer that long, no longer.
CACHE_CONTROL = "private, max-age=4"


def readable_blog(request, page_id: int) -> KeptBlog:
    kept = kept_blog(page_id)
    if kept is None:
        raise Http404("No such live blog")
    if any(not restriction.accept_request(request) for restriction in kept.restrictions):
        raise Http404("No such live blog")
    return kept


@require_safe
def entries_after_view(request, page_id: int, entry_id: int):
    if page_id > LARGEST_ID or entry_id > LARGEST_ID:
        return HttpResponseBadRequest("Not an id.")
    if request.GET:
        return HttpResponseBadRequest("This address takes no query.")
    kept = readable_blog(request, page_id)
    blog = kept.blog
    if entry_id and entry_id not in kept.entry_ids:
        raise Http404("No such entry in this live blog")
    newer = []
    if kept.has_after(entry_id):  # most polls: nothing new for anyone, so no reader to decide
        access = update_access(request, blog)
        newer = entries_after(
            kept.entries,
            entry_id,
            full=access.outcome.is_full,
            teaser_count=teaser_entries(blog, access),
        )
    response = JsonResponse(
        {
            "entries": [{"id": entry.pk, "html": kept.entry_html(entry)} for entry in newer],
            "ended": blog.coverage_end.isoformat() if blog.coverage_end else None,
        }
    )
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = "Cookie"
    return response
