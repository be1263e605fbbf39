"""Wagtail's default Site at the paper's configured address.

Wagtail makes a page's full URL (``page.full_url``: in the newsroom's
approval emails, feeds, sitemaps) from its Site's hostname and port, which a
fresh install leaves at ``localhost:80``. When ``MASTHEAD_BASE_URL`` is set,
the default Site follows it after every ``migrate`` (which ``make demo`` and
``make serve`` run), so those links point where readers actually are.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit


def address_of(base_url: str) -> tuple[str, int] | None:
    """Hostname and port of a base URL, or None when it is not an http(s) address."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return parts.hostname, port


def follow_base_url(**kwargs) -> None:
    base_url = os.environ.get("MASTHEAD_BASE_URL", "")
    address = address_of(base_url) if base_url else None
    if address is None:
        return
    from wagtail.models import Site

    hostname, port = address
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        if not Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
            site.hostname, site.port = hostname, port
            site.save(update_fields=["hostname", "port"])
