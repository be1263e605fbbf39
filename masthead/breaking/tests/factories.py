from datetime import timedelta

from django.utils import timezone

from masthead.breaking.models import BreakingBanner
from masthead.breaking.unlocks import sync_unlocks
from masthead.paywall.tests.factories import make_reader


def switch_on(link_page, *, by=None, **fields) -> BreakingBanner:
    """A banner switched on as the admin would save it (validated; an unlock names its editor)."""
    fields.setdefault("text", "Flood warning: the Vessa is expected to burst its banks tonight")
    banner = BreakingBanner(link_page=link_page, **fields)
    banner.full_clean()
    banner.save()
    if banner.unlock_story:
        editor = by or desk_editor()
        sync_unlocks(banner, by=editor)
    return banner


def desk_editor():
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(email="breaking-desk@example.org").first()
    return found or make_reader("breaking-desk@example.org", staff=True)


def switch_off(banner: BreakingBanner) -> None:
    banner.live = False
    banner.save()


def seconds_from_now(seconds: float):
    return timezone.now() + timedelta(seconds=seconds)
