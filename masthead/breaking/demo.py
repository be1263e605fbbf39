"""The demo's breaking-news banner: switched on, leading to the floods live blog.

It unlocks nothing: the demo's paywall stays as it is, so a reader past the
limit still meets the offer (with the banner shrunk to one line above it).
An editor switches it off, or on again with an unlock, under *Breaking news*.
"""

from __future__ import annotations

from datetime import datetime

from masthead.breaking.models import BreakingBanner
from masthead.liveblogs.models import LiveBlogPage

TEXT = "Vessa floods: our live coverage from Kelmar continues as the waters fall"


def create_demo_banner(*, now: datetime) -> BreakingBanner | None:
    """Switch the banner on, if the demo's live blog was loaded."""
    blog = LiveBlogPage.objects.live().filter(coverage_end__isnull=True).first()
    if blog is None:
        return None
    banner = BreakingBanner(text=TEXT, link_page=blog, live=True, created_at=now)
    banner.full_clean()
    banner.save()
    return banner
