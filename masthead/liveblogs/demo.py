"""The demo's live blog: the day the River Vessa broke into Kelmar, hour by hour.

Its words are in ``demo_live_blog.json``; its day is the one the World
section's "Thousands flee Kelmar" story reports (``days_ago``). The coverage
is left open, so an entry published in the admin shows on an open page.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from masthead.images.services import image_create
from masthead.liveblogs.models import LiveBlogPage
from masthead.liveblogs.services import live_blog_create, new_entry
from masthead.news.demo.illustrations import draw_illustration
from masthead.news.models import Author, SectionPage, Topic
from masthead.news.services import paragraph_html

SPEC = Path(__file__).with_name("demo_live_blog.json")


def paragraphs(texts: list[str]) -> list[dict]:
    return [{"type": "paragraph", "value": paragraph_html(text)} for text in texts]


def hero(spec: dict):
    return image_create(
        title=spec["caption"],
        content=draw_illustration(spec["motif"], spec["palette"], "vessa-floods-live"),
        filename="vessa-floods-live.jpg",
        alt_text=spec["alt"],
        caption=spec["caption"],
        credit=spec["credit"],
    )


def create_demo_live_blog(*, now: datetime) -> LiveBlogPage | None:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    section = SectionPage.objects.filter(slug=spec["section"]).first()
    if section is None:
        return None
    london = ZoneInfo(settings.TIME_ZONE)
    day = now.astimezone(london).date() - timedelta(days=spec["days_ago"])
    authors = {author.slug: author for author in Author.objects.all()}

    def moment(clock: str) -> datetime:
        hour, minute = (int(part) for part in clock.split(":"))
        return datetime.combine(day, time(hour, minute), london)

    entries = [
        new_entry(
            time=moment(entry["time"]),
            headline=entry["headline"],
            body=paragraphs(entry["paragraphs"]),
            author=authors.get(entry["author"]),
            key_event=entry["key_event"],
            pinned=entry["pinned"],
        )
        for entry in spec["entries"]
    ]
    return live_blog_create(
        section=section,
        headline=spec["headline"],
        standfirst=spec["standfirst"],
        summary=paragraphs(spec["summary"]),
        entries=entries,
        authors=[authors[slug] for slug in spec["authors"] if slug in authors],
        topics=list(Topic.objects.filter(slug__in=spec["topics"])),
        kicker=spec["kicker"],
        hero_image=hero(spec["image"]),
        coverage_start=moment(spec["coverage_start"]),
        published_at=moment(spec["published"]),
    )
