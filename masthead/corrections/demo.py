"""The demo paper's corrections: two stories put right, one of them twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from masthead.corrections.models import Correction
from masthead.news.models import ArticlePage

DESK = "editor@example.com"

# (story, hours after it went out, what was wrong, what is right); a story's
# later correction supersedes its earlier one.
CORRECTIONS = [
    (
        "brackwell-tower-tenants-win-38m-refit",
        26,
        "An earlier version of this story said Harcourt House has 21 storeys.",
        "The block has 19 storeys.",
    ),
    (
        "telvic-dam-holds-as-aid-reaches-vessa-valley",
        5,
        "An earlier version of this story gave the Vessa’s peak level in Kelmar as 7.4 metres.",
        "The river crested at 7.2 metres, according to the town’s flood gauge.",
    ),
    (
        "telvic-dam-holds-as-aid-reaches-vessa-valley",
        30,
        "Our earlier correction gave the Vessa’s peak level in Kelmar as 7.2 metres, "
        "the gauge’s first reading.",
        "The regional water authority’s checked figure is 7.1 metres.",
    ),
]


def create_demo_corrections(*, now: datetime) -> int:
    """Add the demo's corrections to whichever of their stories were loaded; how many."""
    editor = get_user_model().objects.filter(email=DESK).first()
    added: dict[str, Correction] = {}
    count = 0
    for slug, hours, wrong, right in CORRECTIONS:
        article = ArticlePage.objects.live().filter(slug=slug).first()
        if article is None or article.first_published_at is None:
            continue
        when = min(article.first_published_at + timedelta(hours=hours), now - timedelta(minutes=1))
        added[slug] = Correction.objects.create(
            article=article,
            wrong=wrong,
            right=right,
            corrected_at=when,
            added_by=editor,
            supersedes=added.get(slug),
        )
        count += 1
    return count
