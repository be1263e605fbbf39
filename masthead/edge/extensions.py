"""What features add to the delivery layer, registered in their ``AppConfig.ready()``.

- :data:`page_tags`: functions ``(page, page_class) -> tags`` naming what else a
  change to a page touches, beyond the page itself and the listings above it
  (a section's name is on every page; a story is shown in other stories'
  similar-stories boxes).
- :data:`personal_parameters`: query parameters that make an address one
  reader's own (a gift link's token): such a page is never kept nor shared.
- :data:`not_pages`: path prefixes answered by their own code, never pages
  (a live blog's update address, polled by every open page): the shared
  page cache does not even look them up.
- :data:`page_sent`: functions ``(request, page, access, reader)`` told of
  every page sent, from the shared cache or rendered, with its ``PageFacts``,
  the paywall's ``Access`` (None for a front) and the ``ReaderView`` the
  delivery decided on (reader analytics count there). They run on the
  reader's path: a dict increment, never a query.

The pieces filled in as a page is sent are registered with
``masthead.core.pieces``; the tags a feature's own rows bump, with
``masthead.core.versions.bump_on_change``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from masthead.core.registry import Registry

page_tags: Registry[Callable[[object, type | None], Iterable[str]]] = Registry("page tags")
personal_parameters: Registry[str] = Registry("personal address parameters")
not_pages: Registry[str] = Registry("addresses that are never pages")
page_sent: Registry[Callable[[object, object, object, object], None]] = Registry("pages sent")


def tell_page_sent(request, page, access, reader) -> None:
    for told in page_sent.items:
        told(request, page, access, reader)
