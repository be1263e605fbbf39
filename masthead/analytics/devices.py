"""A device class from the User-Agent, and whether it is a robot; the agent itself is never kept."""

from __future__ import annotations

import re
from functools import lru_cache

ROBOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|embedly"
    r"|curl/|wget/|python-requests|python-urllib|go-http-client|okhttp|java/|libwww|scrapy",
    re.IGNORECASE,
)
TABLET = re.compile(r"ipad|tablet|kindle|silk/|playbook|android(?!.*mobile)", re.IGNORECASE)
PHONE = re.compile(r"mobi|iphone|ipod|android.*mobile|windows phone|blackberry", re.IGNORECASE)


@lru_cache(maxsize=4096)
def device_of(user_agent: str) -> str | None:
    """``phone``, ``tablet`` or ``desktop``; None for a robot (counted apart, never a reader)."""
    if ROBOT.search(user_agent):
        return None
    if TABLET.search(user_agent):
        return "tablet"
    if PHONE.search(user_agent):
        return "phone"
    return "desktop"
