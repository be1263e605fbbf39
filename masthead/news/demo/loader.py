"""Build the demo paper from the JSON files in this folder.

Dates are relative to the moment of loading, so the demo always looks like
this morning's paper, and the Google News sitemap always has stories in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from masthead.appeals.demo import create_demo_appeal
from masthead.breaking.demo import create_demo_banner
from masthead.corrections.demo import create_demo_corrections
from masthead.gifts.demo import create_demo_gifts
from masthead.groups.demo import create_demo_groups
from masthead.images.services import image_create
from masthead.institutions.demo import create_demo_institution
from masthead.liveblogs.demo import create_demo_live_blog
from masthead.news.demo.illustrations import draw_illustration
from masthead.news.extensions import demo_loaded
from masthead.news.models import ArticlePage, Author, HomePage, InfoPage, Topic
from masthead.news.services import article_create, paragraph_html, section_create
from masthead.newsletters.demo import create_demo_newsletters
from masthead.offers.demo import create_demo_offers
from masthead.recommendations.services import rebuild_similar
from masthead.recommendations.signals import similar_refresh_paused
from masthead.subscriptions.models import Plan, Subscription

DEMO_DIR = Path(__file__).resolve().parent
DEMO_PASSWORD = "masthead-demo"
DEMO_ACCOUNTS = [
    # email, first name, last name, groups, is_staff, is_superuser
    ("reader@example.com", "Robin", "Reader", [], False, False),
    ("subscriber@example.com", "Sam", "Subscriber", [], False, False),
    ("editor@example.com", "Eve", "Editor", ["Editors"], True, False),
    ("writer@example.com", "Wyn", "Writer", ["Writers"], True, False),
    ("publisher@example.com", "Pat", "Publisher", ["Business"], True, False),
    ("admin@example.com", "Ada", "Admin", [], True, True),
]


@dataclass
class DemoSummary:
    sections: int
    articles: int
    images: int
    accounts: int


def paper_spec() -> dict:
    return json.loads((DEMO_DIR / "paper.json").read_text(encoding="utf-8"))


def article_specs() -> list[dict]:
    specs = []
    for path in sorted(DEMO_DIR.glob("articles_*.json")):
        specs.extend(json.loads(path.read_text(encoding="utf-8")))
    return specs


def _publication_moment(spec: dict, now: datetime, order: int) -> datetime:
    london = ZoneInfo(settings.TIME_ZONE)
    today = now.astimezone(london).date()
    hour, minute = (int(part) for part in spec.get("time", "08:00").split(":"))
    moment = datetime.combine(today - timedelta(days=spec["days_ago"]), time(hour, minute), london)
    # A story "from today" whose time has not come yet went out a little before now.
    return min(moment, now - timedelta(minutes=15 + order))


def _image(spec: dict, seed: str):
    content = draw_illustration(spec["motif"], spec["palette"], seed)
    return image_create(
        title=spec["caption"][:200] or seed,
        content=content,
        filename=f"{seed[:60]}.jpg",
        alt_text=spec["alt"],
        caption=spec["caption"],
        credit=spec.get("credit", ""),
    )


def _body(blocks: list[dict], slug: str) -> tuple[list[dict], int]:
    body, images = [], 0
    for index, block in enumerate(blocks):
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            body.append({"type": "paragraph", "value": paragraph_html(value)})
        elif kind == "subheading":
            body.append({"type": "subheading", "value": value})
        elif kind == "quote":
            body.append(
                {
                    "type": "quote",
                    "value": {"text": value["text"], "attribution": value.get("attribution", "")},
                }
            )
        elif kind == "image":
            image = _image(value, f"{slug}-{index}")
            images += 1
            body.append({"type": "image", "value": {"image": image.pk, "caption": ""}})
        else:
            raise ValueError(f"Article {slug!r}: unknown block type {kind!r}.")
    return body, images


def _accounts() -> int:
    User = get_user_model()
    for email, first, last, groups, is_staff, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    monthly, _ = Plan.objects.get_or_create(
        name="Digital, monthly",
        defaults={
            "price_pence": 900,
            "interval": Plan.Interval.MONTH,
            "sort_order": 1,
            "description": "Every story, every day. Cancel at any time.",
        },
    )
    Plan.objects.get_or_create(
        name="Digital, yearly",
        defaults={
            "price_pence": 9000,
            "interval": Plan.Interval.YEAR,
            "sort_order": 2,
            "description": "Two months free compared with paying monthly.",
        },
    )
    subscriber = User.objects.get(email="subscriber@example.com")
    Subscription.objects.get_or_create(
        user=subscriber,
        defaults={
            "status": Subscription.Status.ACTIVE,
            "plan": monthly,
            "plan_name": monthly.name,
            "provider": "demo",
            "provider_reference": "demo-seed-subscriber",
            "current_period_end": timezone.now() + timedelta(days=30),
        },
    )
    return len(DEMO_ACCOUNTS)


DEMO_FRONT = [
    ("lead", {"stories": ["ardmouth-strike-ends-as-first-ships-unload"], "secondary": 4}),
    ("opinion", {"title": "Opinion", "count": 4}),
    ("section", {"section": "britain", "layout": "feature", "count": 4}),
    ("section", {"section": "world", "layout": "across", "count": 3}),
    ("most_read", {"title": "Most read", "count": 5}),
    ("section", {"section": "features", "layout": "list", "count": 3}),
    ("section", {"section": "culture", "layout": "across", "count": 3}),
    ("section", {"section": "sport", "layout": "list", "count": 3}),
]


def arrange_demo_front(*, now: datetime) -> None:
    """The front as the demo's editor arranged it, with what its blocks need to show.

    Writers get drawn portraits for the opinion column, and the last two days
    get read counts (aggregate, per story: all the paper ever keeps) so that
    "Most read" has something to rank on a fresh demo.
    """
    import random

    from masthead.news.demo.illustrations import draw_portrait
    from masthead.news.models import HomePage, SectionPage
    from masthead.readership.models import DailyReads

    for author in Author.objects.filter(photo__isnull=True):
        author.photo = image_create(
            title=f"{author.name}, portrait",
            content=draw_portrait(author.slug),
            filename=f"{author.slug}.jpg",
            alt_text=f"Drawing of {author.name}",
            credit="Illustration: The Daily Lantern",
        )
        author.save(update_fields=["photo"])
    stories = {story.slug: story for story in ArticlePage.objects.live()}
    sections = {section.slug: section.pk for section in SectionPage.objects.live()}
    chance = random.Random("demo-reads")
    today = timezone.localdate(now)
    counts = []
    for story in sorted(stories.values(), key=lambda story: story.pk):
        age = max(0.0, (now - story.first_published_at).total_seconds() / 86400)
        for day in (today, today - timedelta(days=1)):
            reads = int(chance.uniform(0.2, 1.8) * 900 / (1 + age))
            if reads:
                counts.append(DailyReads(article_id=story.pk, day=day, reads=reads))
    DailyReads.objects.bulk_create(counts)
    layout = []
    for kind, value in DEMO_FRONT:
        value = dict(value)
        if "stories" in value:
            value["stories"] = [stories[s].pk for s in value["stories"] if s in stories]
        if "section" in value:
            if value["section"] not in sections:
                continue
            value["section"] = sections[value["section"]]
        layout.append({"type": kind, "value": value})
    home = HomePage.objects.get()
    home.layout = json.dumps(layout)
    home.save_revision().publish()


def _about_page(spec: dict) -> None:
    """The page about the paper, listed in every page's footer."""
    home = HomePage.objects.get()
    body = [{"type": "paragraph", "value": paragraph_html(text)} for text in spec["paragraphs"]]
    page = InfoPage(
        title=spec["title"],
        slug=spec["slug"],
        standfirst=spec["standfirst"],
        text=body,
        show_in_menus=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def _newsroom_bylines(paper: dict) -> None:
    """The demo's writer and editor write as their own authors: new stories start bylined."""
    User = get_user_model()
    for spec in paper["authors"]:
        if spec.get("account"):
            Author.objects.filter(slug=spec["slug"]).update(
                user=User.objects.get(email=spec["account"])
            )


@transaction.atomic
def load_demo(*, now: datetime | None = None, limit: int | None = None) -> DemoSummary:
    """Fill an empty database with the demo paper. ``limit`` loads fewer articles (tests)."""
    now = now or timezone.now()
    paper = paper_spec()
    sections = {
        s["slug"]: section_create(
            title=s["title"], slug=s["slug"], description=s["description"], free_to_read=s["free"]
        )
        for s in paper["sections"]
    }
    authors = {
        a["slug"]: Author.objects.create(
            name=a["name"], slug=a["slug"], role=a["role"], bio=a["bio"]
        )
        for a in paper["authors"]
    }
    topics = {
        t["slug"]: Topic.objects.create(name=t["name"], slug=t["slug"]) for t in paper["topics"]
    }

    specs = article_specs()
    if limit is not None:
        specs = specs[:limit]
    # Oldest first, so the page tree and the revision history read like the paper's week.
    dated = sorted(
        ((_publication_moment(spec, now, order), spec) for order, spec in enumerate(specs)),
        key=lambda pair: pair[0],
    )
    with similar_refresh_paused():  # one rebuild of every list below, not one per story
        image_count = _publish_articles(dated, sections, authors, topics, now)
    _about_page(paper["about"])
    create_demo_live_blog(now=now)
    create_demo_banner(now=now)  # ready and off, leading to the live blog; unlocks nothing
    arrange_demo_front(now=now)
    create_demo_appeal(now=now)
    create_demo_newsletters()
    rebuild_similar()
    accounts = _accounts()
    _newsroom_bylines(paper)
    create_demo_corrections(now=now)
    create_demo_offers()  # after the plans: a trial on the monthly plan, WELCOME50
    create_demo_institution()
    create_demo_groups(password=DEMO_PASSWORD)  # Bea's three seats, one of them Mo's
    create_demo_gifts(now=now)  # after the accounts: the subscriber's gift, read once
    demo_loaded.send(sender=load_demo, now=now)  # features' own history (reader analytics)
    return DemoSummary(
        sections=len(sections),
        articles=ArticlePage.objects.live().count(),
        images=image_count,
        accounts=accounts,
    )


def _publish_articles(dated, sections, authors, topics, now) -> int:
    """Publish the demo's stories, oldest first; the number of images they carry."""
    image_count = 0
    for published_at, spec in dated:
        hero = _image(spec["image"], spec["slug"]) if spec["image"] else None  # null: words only
        body, inline_images = _body(spec["body"], spec["slug"])
        image_count += (1 if hero else 0) + inline_images
        updated_hours = spec.get("updated_hours_later")
        updated_at = published_at + timedelta(hours=updated_hours) if updated_hours else None
        if updated_at and updated_at > now:
            updated_at = now - timedelta(minutes=5)
        article_create(
            section=sections[spec["section"]],
            headline=spec["headline"],
            standfirst=spec["standfirst"],
            body=body,
            authors=[authors[slug] for slug in spec["authors"]],
            topics=[topics[slug] for slug in spec.get("topics", [])],
            hero_image=hero,
            hero_caption=spec["image"]["caption"] if hero else "",
            free_to_read=spec.get("free_to_read", False),
            kind=spec.get("kind", "news"),
            kicker=spec.get("kicker", ""),
            slug=spec["slug"],
            published_at=published_at,
            updated_at=updated_at if updated_at and updated_at > published_at else None,
        )
    return image_count
