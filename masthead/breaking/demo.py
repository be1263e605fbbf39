"""The demo's breaking-news banner: ready, leading to the floods live blog, switched off.

A paper's everyday page carries its appeal, which a banner replaces while it
shows; so the demo keeps the banner ready and off, and an editor switches it
on (and off again) with one tick under *Breaking news*. It unlocks nothing,
so with it on a reader past the limit still meets the offer, the banner
shrunk to one line above it.
"""

from __future__ import annotations

from datetime import datetime

from masthead.breaking.models import BreakingBanner
from masthead.liveblogs.models import LiveBlogPage

TEXT = "Vessa floods: our live coverage from Kelmar continues as the waters fall"


def create_demo_banner(*, now: datetime) -> BreakingBanner | None:
    """Make the banner, switched off, if the demo's live blog was loaded."""
    blog = LiveBlogPage.objects.live().filter(coverage_end__isnull=True).first()
    if blog is None:
        return None
    banner = BreakingBanner(text=TEXT, link_page=blog, live=False, created_at=now)
    banner.full_clean()
    banner.save()
    return banner
