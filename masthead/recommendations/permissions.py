"""Who may pin or block a similar story: readers see the change at once, so it takes publishing."""

from __future__ import annotations

WHO_MAY_CHOOSE = (
    "Pinning and blocking change what readers see: an editor who can publish this story does it."
)


def may_choose_similar(page, user) -> bool:
    """Publish permission on ``page``: a writer may edit a story but not change the live page."""
    return page.permissions_for_user(user).can_publish()
