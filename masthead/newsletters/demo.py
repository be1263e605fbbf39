"""The demo's newsletters: a morning briefing and a section letter, demo readers on the first."""

from __future__ import annotations

from datetime import time

from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.news.models import SectionPage
from masthead.newsletters.models import Newsletter, Signup

DEMO_SOURCE = "demo data"
DEMO_READERS = ["subscriber@example.com", "reader@example.com"]


def create_demo_newsletters() -> list[Newsletter]:
    morning, _ = Newsletter.objects.get_or_create(
        slug="morning",
        defaults={
            "name": "The Morning Lantern",
            "description": "The day's stories before breakfast, chosen by the editors.",
            "cadence": "Every morning at seven",
            "daily_at": time(7, 0),
            "sort_order": 1,
            "prompt_text": "Get the morning briefing in your inbox",
        },
    )
    world, _ = Newsletter.objects.get_or_create(
        slug="world",
        defaults={
            "name": "World Dispatch",
            "description": "The foreign desk's week, from our correspondents.",
            "cadence": "Every Friday",
            "section": SectionPage.objects.filter(slug="world").first(),
            "stories": 4,
            "sort_order": 2,
        },
    )
    now = timezone.now()
    # The accounts may be made after this; the sender knows a subscriber by address too.
    users = get_user_model().objects.in_bulk(DEMO_READERS, field_name="email")
    for email in DEMO_READERS:
        Signup.objects.get_or_create(
            newsletter=morning,
            email=email,
            defaults={
                "user": users.get(email),
                "status": Signup.Status.CONFIRMED,
                "consent_at": now,
                "consent_source": DEMO_SOURCE,
                "consent_method": "one click while logged in",
                "confirmed_at": now,
            },
        )
    return [morning, world]
