from django import template

from masthead.news.markers import LABELS, marker_for

register = template.Library()


@register.filter
def story_marker(story) -> str:
    """``live``, ``updated`` or an empty string, for the card's class and label."""
    return marker_for(story) or ""


@register.filter
def marker_label(marker: str) -> str:
    return LABELS.get(marker, "")
