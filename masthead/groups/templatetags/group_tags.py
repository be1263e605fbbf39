"""The group's part of /account/ and the seat count on /subscribe/."""

from __future__ import annotations

from django import template
from django.utils import timezone

from masthead.groups.rules import BUYERS_SEAT, MAX_SEATS, MIN_SEATS

register = template.Library()


@register.simple_tag
def seat_limits() -> dict:
    return {"min": MIN_SEATS, "max": MAX_SEATS, "default": 3}


@register.inclusion_tag("groups/account_section.html", takes_context=True)
def group_section(context, user) -> dict:
    """What the reader buys for a group, the seats they hold and the invitations they have."""
    from masthead.groups.selectors import groups_bought, invitations_for, seats_held

    now = timezone.now()
    return {
        "bought": groups_bought(user),
        "held": seats_held(user, now=now),
        "invitations": invitations_for(user),
        "buyers_seat": BUYERS_SEAT,
        "limits": seat_limits(),
        "request": context.get("request"),
    }
