"""Test papers, built through the same services as the demo paper."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

import factory
from django.utils import timezone

from masthead.images.models import MastheadImage
from masthead.images.services import image_create
from masthead.news.demo.illustrations import draw_illustration
from masthead.news.models import ArticlePage, Author, SectionPage, Topic
from masthead.news.services import article_create, paragraph_html, section_create

_sequence = count(1)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    role = "Reporter"
    bio = "Writes about things that matter."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


def make_image(
    *,
    alt_text: str = "Illustration of a harbour at dusk",
    caption: str = "A quay at dusk",
    credit: str = "Illustration: Test Artist/The Daily Lantern",
) -> MastheadImage:
    n = next(_sequence)
    return image_create(
        title=f"Test image {n}",
        content=draw_illustration("harbour", "dusk", f"test-{n}", size=(320, 180)),
        filename=f"test-{n}.jpg",
        alt_text=alt_text,
        caption=caption,
        credit=credit,
    )


def make_section(title: str = "", *, free_to_read: bool = False) -> SectionPage:
    title = title or f"Section {next(_sequence)}"
    return section_create(
        title=title, description=f"News about {title}.", free_to_read=free_to_read
    )


def body_of(paragraphs: list[str], *, subheading: str = "", quote: str = "") -> list[dict]:
    body = [{"type": "paragraph", "value": paragraph_html(text)} for text in paragraphs]
    if subheading:
        body.insert(2, {"type": "subheading", "value": subheading})
    if quote:
        body.insert(3, {"type": "quote", "value": {"text": quote, "attribution": "A witness"}})
    return body


def make_article(
    section: SectionPage,
    headline: str = "",
    *,
    standfirst: str = "",
    paragraphs: list[str] | None = None,
    authors: list[Author] | None = None,
    topics: list[Topic] | None = None,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
    publish: bool = True,
    with_image: bool = True,
    free_to_read: bool = False,
    subheading: str = "",
    quote: str = "",
) -> ArticlePage:
    n = next(_sequence)
    headline = headline or f"Story number {n} makes the news"
    paragraphs = paragraphs or [
        f"Paragraph {i} of story {n}, with words to read." for i in range(1, 7)
    ]
    return article_create(
        section=section,
        headline=headline,
        standfirst=standfirst or f"The standfirst of story {n}, in one sentence.",
        body=body_of(paragraphs, subheading=subheading, quote=quote),
        authors=authors if authors is not None else [AuthorFactory()],
        topics=topics or [],
        hero_image=make_image() if with_image else None,
        hero_caption="",
        free_to_read=free_to_read,
        publish=publish,
        published_at=published_at or (timezone.now() - timedelta(hours=n)),
        updated_at=updated_at,
    )
