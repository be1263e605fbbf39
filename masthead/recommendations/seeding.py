"""A large synthetic paper, fast: for measuring similar stories at archive scale.

Articles are written straight into the page tree in bulk (Wagtail's
``add_child`` saves one page at a time, hours for 100,000). Each page gets
what Wagtail needs of a published page: its tree path, depth, URL path,
content type, locale, translation key and publication times. Revisions and
search-index entries are left out; ``masthead update_index`` adds the latter.
Hero images come from the image library (a dozen plain ones are drawn when it
is empty), so cards and articles carry pictures as a real paper's do.
"""

from __future__ import annotations

import io
import json
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from masthead.images.models import MastheadImage
from masthead.images.services import image_create
from masthead.news.models import ArticlePage, SectionPage
from masthead.news.services import front_page, paragraph_html, section_create
from masthead.recommendations.bench import synthetic_archive

SECTION_NAMES = [
    "Britain", "World", "Business", "Politics", "Science", "Technology",
    "Health", "Education", "Environment", "Sport", "Culture", "Opinion",
]  # fmt: skip


def seed_sections() -> list[SectionPage]:
    existing = {s.title: s for s in SectionPage.objects.all()}
    return [
        existing.get(name)
        or section_create(title=name, slug=f"seed-{slugify(name)}", description=f"{name} news.")
        for name in SECTION_NAMES
    ]


def seed_images(minimum: int = 12) -> list[int]:
    """Ids of the library's images, drawing plain ones first if it has fewer than ``minimum``."""
    from PIL import Image

    existing = list(MastheadImage.objects.order_by("pk").values_list("pk", flat=True))
    for n in range(len(existing), minimum):
        picture = Image.new("RGB", (1200, 675), ((40 + 17 * n) % 256, (90 + 29 * n) % 256, 140))
        content = io.BytesIO()
        picture.save(content, "JPEG", quality=80)
        image = image_create(
            title=f"Seeded picture {n + 1}",
            content=content.getvalue(),
            filename=f"seed-{n + 1}.jpg",
            alt_text=f"A plain coloured panel, number {n + 1}",
        )
        existing.append(image.pk)
    return existing


def _insert_article_rows(pages: list[Page], articles: list[dict]) -> None:
    """The ArticlePage half of each page, in one statement per batch.

    Django's ``bulk_create`` refuses models with a parent table, so the
    child rows are written with their columns' own database conversions.
    """
    fields = [f for f in ArticlePage._meta.local_concrete_fields if f.name != "page_ptr"]
    columns = ["page_ptr_id", *(f.column for f in fields)]
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        table,
        ", ".join(connection.ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = []
    for page, values in zip(pages, articles, strict=True):
        row = [page.pk]
        for field in fields:
            value = values.get(field.attname, field.get_default())
            row.append(field.get_db_prep_save(value, connection))
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _paragraphs(text: str, words_each: int = 60) -> list[str]:
    """Synthetic words as a story's paragraphs, each one sentence-cased and ended."""
    words = text.split()
    return [
        " ".join(words[start : start + words_each]).capitalize() + "."
        for start in range(0, len(words), words_each)
    ] or [text]


@transaction.atomic
def seed_articles(
    count: int, *, batch_size: int = 2000, seed: int = 0, body_words: int = 600
) -> int:
    """Add ``count`` published synthetic articles across twelve sections; returns the count."""
    if front_page() is None:
        raise ValueError("There is no front page yet: run `masthead load_demo` or migrate first.")
    sections = seed_sections()
    images = seed_images()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    next_step = {s.pk: s.numchild for s in sections}
    records = synthetic_archive(count, seed=seed, body_words=body_words)
    now = timezone.now()
    newest = max(r.date for r in records)
    for start in range(0, count, batch_size):
        pages, articles = [], []
        for record in records[start : start + batch_size]:
            section = sections[int(record.section.rsplit("-", 1)[1]) % len(sections)]
            next_step[section.pk] += 1
            slug = f"{slugify(record.title)[:60]}-{uuid.uuid4().hex[:8]}"
            published = now - timedelta(days=(newest - record.date).days, minutes=record.id)
            pages.append(
                Page(
                    title=record.title,
                    draft_title=record.title,
                    slug=slug,
                    path=Page._get_path(section.path, section.depth + 1, next_step[section.pk]),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=section.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            paragraphs = _paragraphs(record.body)
            articles.append(
                {
                    "hero_image_id": images[record.id % len(images)],
                    "standfirst": record.body[:200],
                    "body": json.dumps(
                        [{"type": "paragraph", "value": paragraph_html(p)} for p in paragraphs]
                    ),
                }
            )
        created = Page.objects.bulk_create(pages)
        _insert_article_rows(created, articles)
    for section in sections:
        SectionPage.objects.filter(pk=section.pk).update(numchild=next_step[section.pk])
    return count
