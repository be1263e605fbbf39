"""Staff avatars: an uploaded picture, or the person's initials drawn here; never Gravatar.

Wagtail asks its ``get_avatar_url`` hooks first; this one answers for anyone
without an uploaded picture with a small SVG of their initials, as a data
URL, so the admin asks no other site anything and staff tell each other
apart at a glance.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from django.utils.html import escape

# Background colours with white initials at least 4.5:1.
COLOURS = ("#7a0f12", "#1f4e79", "#2d5a27", "#5b2a86", "#7a4a00", "#3d3d3d")


def initials_of(user) -> str:
    names = [user.first_name, user.last_name] if getattr(user, "first_name", "") else []
    words = [word for word in (" ".join(names) or "").split() if word[:1].isalpha()]
    if words:
        letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    else:
        local = (getattr(user, "email", "") or getattr(user, "username", "") or "?").split("@")[0]
        letters = next((c for c in local if c.isalnum()), "?")
    return letters.upper()


def initials_avatar_url(user, size: int = 50) -> str | None:
    """A data URL of the initials, or None for someone with a picture of their own."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    letters = escape(initials_of(user))
    seed = str(getattr(user, "pk", "") or getattr(user, "email", ""))
    colour = COLOURS[
        int(hashlib.blake2b(seed.encode(), digest_size=2).hexdigest(), 16) % len(COLOURS)
    ]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        'viewBox="0 0 100 100">'
        f'<rect width="100" height="100" fill="{colour}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="42" font-weight="600">'
        f"{letters}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg)
