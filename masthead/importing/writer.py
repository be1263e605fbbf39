"""Applying an export to the paper: sections, topics, authors, pictures, stories, old links.

Every record is looked up by where it came from (``ImportedItem``): a record
whose fingerprint is unchanged since the last run is left alone, a changed
one updates its object (a story gets a new revision), a new one is created.
Running the same export twice therefore changes nothing the second time.

How an old post becomes a story:

- its section is its first category or primary tag, found by name (or made
  under the front page); a post with none goes to ``DEFAULT_SECTION``;
- its other categories and tags become topics; its authors, authors;
- ``LIVE`` is published with the export's dates (first published, last
  modified); ``DRAFT`` is a draft; ``SCHEDULED`` goes live at its time through
  Wagtail's scheduled publishing (one already past is published);
  ``PRIVATE`` (private or password-protected) is kept as a draft: only the
  newsroom sees it, and no old link leads to it;
- ``Access.FREE`` sets "free to read";
- an empty title is made from the body's first words, an over-long one is cut
  at a word, an empty standfirst is the body's opening (as WordPress's own
  excerpt is); each is noted in the report;
- pictures come from ``media_dir``; a missing file is reported and the story
  comes in without it;
- every old address of a live story (``/2019/04/slug/``, ``/?p=123``, a
  Ghost slug; with or without the trailing slash) gets a permanent, site-wide
  Wagtail redirect to it, created or updated, never duplicated.

Stories are written in batches, each in its own transaction: a crash loses at
most one batch and the next run completes it. Per-page work a publish sets off
(search index, similar-stories lists, kept pages, renditions) is paused during
the import and done once at the end (``quiet.py``, ``finish_in_bulk``).
A dry run does all of it inside a transaction that is rolled back and copies
no picture, so nothing changes.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from masthead.images.models import MastheadImage
from masthead.images.services import image_create
from masthead.importing.html_blocks import ImageRef, html_to_blocks
from masthead.importing.models import ImportedItem
from masthead.importing.quiet import bulk_writes
from masthead.importing.records import Access, Export, Person, Picture, Skipped, Status, Story
from masthead.news.models import (
    RESERVED_SECTION_SLUGS,
    ArticleAuthor,
    ArticlePage,
    Author,
    SectionPage,
    Topic,
)
from masthead.news.services import front_page, section_create
from masthead.news.slugs import base_slug

DEFAULT_SECTION = "News"
BATCH = 200
TITLE_MAX = 255
STANDFIRST_MAX = 300
SLUG_MAX = 100
Kind = ImportedItem.Kind

Progress = Callable[[int], None]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=lambda: {k.value: Counts() for k in Kind})
    skipped: list[Skipped] = field(default_factory=list)  # left out, and why
    notes: list[Skipped] = field(default_factory=list)  # brought in, but altered, and how
    redirects_added: int = 0
    redirects_updated: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds each part took
    changes: list[str] = field(default_factory=list)  # each story created or updated

    def count(self, kind: str, outcome: str) -> None:
        counts = self.counts[kind]
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def lines(self) -> list[str]:
        """The end report, for people: counts, then every skipped or altered item."""
        would = "would be " if self.dry_run else ""
        lines = [f"{'Dry run: ' if self.dry_run else ''}{self.source} import"]
        for kind, counts in self.counts.items():
            plural = "stories" if kind == Kind.STORY else f"{kind}s"
            lines.append(
                f"  {plural:<9} {counts.created} {would}created, {counts.updated} {would}"
                f"updated, {counts.unchanged} unchanged"
            )
        lines.append(
            f"  redirects {self.redirects_added} {would}added, "
            f"{self.redirects_updated} {would}updated"
        )
        if self.phases:
            lines.append(
                "  seconds   " + ", ".join(f"{name} {s:.1f}" for name, s in self.phases.items())
            )
        if self.skipped:
            lines.append(f"Skipped ({len(self.skipped)}):")
            lines += [_item_line(s) for s in self.skipped]
        if self.notes:
            lines.append(f"Brought in with changes ({len(self.notes)}):")
            lines += [_item_line(s) for s in self.notes]
        return lines


def _item_line(item: Skipped) -> str:
    return f"  {item.kind} {item.source_id} “{cut_at_word(item.title, 80)}”: {item.reason}"


def apply_export(
    export: Export, *, media_dir: Path | None, dry_run: bool, progress: Progress | None = None
) -> ImportReport:
    """Bring ``export`` into the paper (or, with ``dry_run``, say what that would change)."""
    started = time.monotonic()
    report = ImportReport(source=export.source, dry_run=dry_run)
    report.skipped += export.skipped
    writer = _Writer(export, media_dir, dry_run, report)
    with bulk_writes(dry_run=dry_run):
        if dry_run:
            with transaction.atomic():
                writer.run(progress)
                transaction.set_rollback(True)
        else:
            writer.run(progress)
        report.phases["writing"] = time.monotonic() - started
        leaving = time.monotonic()
    if not dry_run:  # leaving made the renditions (or queued them, with a task worker)
        report.phases["renditions"] = time.monotonic() - leaving
        finish_in_bulk(writer.touched, report.phases)
    report.seconds = time.monotonic() - started
    return report


def finish_in_bulk(touched: dict[type, set[int]], phases: dict[str, float]) -> None:
    """The index and the similar-stories lists, brought up to date once for the whole import."""
    from modelsearch.backends import get_search_backends

    from masthead.recommendations.services import rebuild_similar

    began = time.monotonic()
    for model, ids in touched.items():
        if not ids:
            continue
        ordered = sorted(ids)
        for backend in get_search_backends(with_auto_update=True):
            index = backend.get_index_for_model(model)
            for start in range(0, len(ordered), 1000):
                chunk = model.objects.filter(pk__in=ordered[start : start + 1000])
                index.add_items(model, list(chunk))
    phases["search index"] = time.monotonic() - began
    if touched.get(ArticlePage):
        began = time.monotonic()
        rebuild_similar()
        phases["similar stories"] = time.monotonic() - began


# -- fingerprints and small pure helpers --------------------------------------------------


def fingerprint(value) -> str:
    """A hash of a record as applied: any change to it makes a different one."""
    if hasattr(value, "__dataclass_fields__"):
        value = asdict(value)
    encoded = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def cut_at_word(text: str, limit: int) -> str:
    """``text`` no longer than ``limit``, cut after a whole word and ended with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def words_of(blocks: list[dict]) -> str:
    """The plain words of the body's paragraphs, subheadings and quotes, in order."""
    texts = []
    for block in blocks:
        if block["type"] in {"paragraph", "subheading"}:
            texts.append(re.sub(r"<[^>]+>", " ", block["value"]))
        elif block["type"] == "quote":
            texts.append(block["value"]["text"])
    from html import unescape

    return " ".join(unescape(" ".join(texts)).split())


def opening_of(words: str, limit: int) -> str:
    """The first sentence (or sentences, up to ``limit``) of ``words``, else its first words."""
    sentences = re.split(r"(?<=[.!?])\s+", words)
    opening = ""
    for sentence in sentences:
        candidate = f"{opening} {sentence}".strip()
        if len(candidate) > limit:
            break
        opening = candidate
    return opening or cut_at_word(words, limit)


def story_slug(raw: str, title: str) -> str:
    """The story's slug: the old one (decoded, non-ASCII kept if allowed), else the title's."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    slug = slugify(unquote(raw or ""), allow_unicode=allow_unicode)
    if not slug:
        slug = base_slug(title)
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX]
        slug = slug[: slug.rindex("-")] if "-" in slug else slug
    return slug.strip("-") or "story"


def unique_slug(slug: str, taken: set[str]) -> str:
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def old_path_key(path: str) -> str | None:
    """The old address as Wagtail's redirects store it ("/x/" and "/x" are one), or None."""
    if not path or not path.strip():
        return None
    return Redirect.normalise_path(path)


def _state_fields(story: Story, *, live: bool) -> tuple[dict, dict]:
    """The page's and its revision's publishing fields for the story's status and dates.

    ``live`` says whether the page is live now (a scheduled change to a live
    page leaves it live until its time, as Wagtail does).
    """
    now = timezone.now()
    published = story.published_at or story.modified_at or now
    modified = max(story.modified_at or published, published)
    status = story.status
    if status == Status.SCHEDULED and published <= now:
        status = Status.LIVE  # its time has come: Wagtail's scheduler would publish it now
    page: dict = {"latest_revision_created_at": modified, "go_live_at": None}
    revision: dict = {"created_at": modified, "approved_go_live_at": None}
    if status == Status.LIVE:
        page |= {
            "live": True,
            "has_unpublished_changes": False,
            "expired": False,
            "first_published_at": published,
            "last_published_at": modified,
        }
    elif status == Status.SCHEDULED:
        page |= {"go_live_at": published, "has_unpublished_changes": True, "live": live}
        revision["approved_go_live_at"] = published
    else:  # a draft, or private: only the newsroom sees it
        page |= {"live": False, "has_unpublished_changes": True}
    return page, revision


# -- the writer ---------------------------------------------------------------------------


class _Writer:
    def __init__(self, export: Export, media_dir: Path | None, dry_run: bool, report):
        self.export = export
        self.source = export.source
        self.media_dir = media_dir
        self.dry_run = dry_run
        self.report = report
        self.items: dict[tuple[str, str], ImportedItem] = {}
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, SectionPage] = {}
        self.topics: dict[str, Topic] = {}
        self.images: dict[str, int | None] = {}
        self.section_slugs: dict[int, set[str]] = {}
        self.section_last_path: dict[int, str | None] = {}
        self.root_url_path: str | None = None
        self.new_pages: list[tuple[ArticlePage, Story]] = []
        self.new_items: list[ImportedItem] = []
        self.numchild: dict[int, int] = {}
        self.touched: dict[type, set[int]] = {
            ArticlePage: set(),
            MastheadImage: set(),
            Author: set(),
            Topic: set(),
        }

    # bookkeeping

    def _load_items(self) -> None:
        for item in ImportedItem.objects.filter(source=self.source):
            self.items[(item.kind, item.source_id)] = item

    def _remember(self, kind: str, source_id: str, object_id: int, print_: str) -> None:
        item = self.items.get((kind, source_id))
        if item is None:
            item = ImportedItem(
                source=self.source,
                kind=kind,
                source_id=source_id,
                object_id=object_id,
                fingerprint=print_,
            )
            if kind == Kind.STORY:
                self.new_items.append(item)  # written with the batch
            else:
                item.save()
            self.items[(kind, source_id)] = item
        elif item.object_id != object_id or item.fingerprint != print_:
            item.object_id, item.fingerprint = object_id, print_
            item.save(update_fields=["object_id", "fingerprint", "imported_at"])

    def run(self, progress: Progress | None) -> None:
        self._load_items()
        with transaction.atomic():
            for person in self.export.people:
                self._author(person)
            for story in self.export.stories:
                self._section(story.section.strip() or DEFAULT_SECTION)
                for name in story.topics:
                    if name.strip():
                        self._topic(name.strip())
        stories = self.export.stories
        for start in range(0, len(stories), BATCH):
            batch = stories[start : start + BATCH]
            with transaction.atomic():
                self._stories(batch)
            if progress:
                progress(len(batch))

    # authors, sections, topics

    def _author(self, person: Person) -> None:
        print_ = fingerprint(person)
        item = self.items.get((Kind.AUTHOR, person.source_id))
        author = Author.objects.filter(pk=item.object_id).first() if item else None
        if author is not None and item.fingerprint == print_:
            self.report.count(Kind.AUTHOR, "unchanged")
        elif author is not None:
            author.name = person.name[:120] or author.name
            author.bio = person.bio
            author.save()
            self.report.count(Kind.AUTHOR, "updated")
        else:
            slug = slugify(person.slug or person.name)[:120] or f"author-{person.source_id}"
            author = Author.objects.filter(slug=slug).first()
            if author is None:
                name = person.name[:120] or slug
                author = Author.objects.create(name=name, slug=slug, bio=person.bio)
                self.report.count(Kind.AUTHOR, "created")
            else:
                self.report.count(Kind.AUTHOR, "unchanged")
        self.touched[Author].add(author.pk)
        self._remember(Kind.AUTHOR, person.source_id, author.pk, print_)
        self.authors[person.source_id] = author

    def _section(self, name: str) -> SectionPage:
        key = name.casefold()
        if key in self.sections:
            return self.sections[key]
        item = self.items.get((Kind.SECTION, key))
        section = SectionPage.objects.filter(pk=item.object_id).first() if item else None
        if section is None:
            slug = slugify(name) or base_slug(name)
            section = (
                SectionPage.objects.filter(slug=slug).first()
                or SectionPage.objects.filter(title__iexact=name).first()
            )
            if section is None:
                taken = set(front_page().get_children().values_list("slug", flat=True))
                slug = unique_slug(slug, taken | RESERVED_SECTION_SLUGS)
                section = section_create(title=name[:255], slug=slug)
                self.report.count(Kind.SECTION, "created")
            else:
                self.report.count(Kind.SECTION, "unchanged")
            self._remember(Kind.SECTION, key, section.pk, fingerprint(name))
        else:
            self.report.count(Kind.SECTION, "unchanged")
        self.sections[key] = section
        return section

    def _topic(self, name: str) -> Topic:
        if name in self.topics:
            return self.topics[name]
        item = self.items.get((Kind.TOPIC, name))
        topic = Topic.objects.filter(pk=item.object_id).first() if item else None
        if topic is None:
            topic = Topic.objects.filter(name__iexact=name[:120]).first()
            if topic is None:
                slug = slugify(name)[:120] or base_slug(name)[:120]
                taken = set(
                    Topic.objects.filter(slug__startswith=slug).values_list("slug", flat=True)
                )
                topic = Topic.objects.create(name=name[:120], slug=unique_slug(slug, taken))
                self.report.count(Kind.TOPIC, "created")
                self.touched[Topic].add(topic.pk)
            else:
                self.report.count(Kind.TOPIC, "unchanged")
            self._remember(Kind.TOPIC, name, topic.pk, fingerprint(name))
        else:
            self.report.count(Kind.TOPIC, "unchanged")
        self.topics[name] = topic
        return topic

    # pictures

    def _media_file(self, path: str) -> Path | None:
        if not self.media_dir or not path:
            return None
        relative = unquote(path).lstrip("/")
        candidate = (self.media_dir / relative).resolve()
        root = self.media_dir.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def _image(self, path: str, *, alt: str, caption: str = "", credit: str = "") -> int | None:
        """The library image for the file at ``path`` (made once per file), or None if missing."""
        key = unquote(path).lstrip("/")
        if key in self.images:
            return self.images[key]
        file = self._media_file(key)
        if file is None:
            self.images[key] = None
            return None
        print_ = fingerprint([alt, caption, credit, file.stat().st_size])
        item = self.items.get((Kind.IMAGE, key))
        image = MastheadImage.objects.filter(pk=item.object_id).first() if item else None
        if image is not None and item.fingerprint == print_:
            self.report.count(Kind.IMAGE, "unchanged")
        elif image is not None:
            image.alt_text, image.caption, image.credit = alt[:255], caption, credit[:255]
            image.save(update_fields=["alt_text", "caption", "credit"])
            self.touched[MastheadImage].add(image.pk)
            self.report.count(Kind.IMAGE, "updated")
        elif self.dry_run:  # no file is copied in a dry run
            self.report.count(Kind.IMAGE, "created")
            self.images[key] = None
            return None
        else:
            image = image_create(
                title=cut_at_word(alt, 255) or file.stem,
                content=file.read_bytes(),
                filename=file.name,
                alt_text=alt[:255],
                caption=caption,
                credit=credit[:255],
            )
            self.touched[MastheadImage].add(image.pk)
            self.report.count(Kind.IMAGE, "created")
        self._remember(Kind.IMAGE, key, image.pk, print_)
        self.images[key] = image.pk
        return image.pk

    def _missing(self, story: Story, what: str) -> None:
        self.report.skipped.append(
            Skipped(
                kind="image",
                source_id=story.source_id,
                title=story.title,
                reason=f"missing media file {what}: the story came in without it",
            )
        )

    def _note(self, story: Story, reason: str) -> None:
        self.report.notes.append(
            Skipped(kind="post", source_id=story.source_id, title=story.title, reason=reason)
        )

    def _alt(self, story: Story, alt: str, caption: str, headline: str) -> str:
        if alt.strip():
            return alt.strip()
        self._note(story, "a picture had no alt text: its caption or the headline stands in")
        return (caption or headline).strip()

    def _body_path(self, story: Story, src: str) -> str:
        """Where under the media dir the body's picture ``src`` is."""
        if src in story.media:
            return story.media[src]
        path = urlparse(src).path
        for marker in ("/wp-content/uploads/", "/content/images/"):
            if marker in path:
                return path.split(marker, 1)[1]
        return path

    def _hero(self, story: Story, picture: Picture | None, headline: str) -> int | None:
        if picture is None:
            return None
        if self._media_file(picture.path) is None:
            self._missing(story, picture.path or picture.url)
            return None
        alt = self._alt(story, picture.alt, picture.caption, headline)
        return self._image(picture.path, alt=alt, caption=picture.caption, credit=picture.credit)

    def _body(self, story: Story, headline: str) -> list[dict]:
        converted = html_to_blocks(story.body_html)
        for note in converted.notes:
            self._note(story, f"left out {note}")
        blocks = []
        for block in converted.blocks:
            if block["type"] != "image":
                blocks.append(block)
                continue
            ref: ImageRef = block["value"]["image"]
            caption = block["value"]["caption"]
            path = self._body_path(story, ref.src)
            image_id = None
            if self._media_file(path) is None:
                self._missing(story, path or ref.src)
            else:
                alt = self._alt(story, ref.alt, caption, headline)
                image_id = self._image(path, alt=alt, caption=caption)
            if image_id is not None:
                blocks.append({"type": "image", "value": {"image": image_id, "caption": caption}})
            elif caption:  # the picture is gone; its words stay
                blocks.append({"type": "paragraph", "value": f"<p>{escape(caption)}</p>"})
        return blocks

    # stories

    def _stories(self, batch: list[Story]) -> None:
        ids = [
            self.items[(Kind.STORY, s.source_id)].object_id
            for s in batch
            if (Kind.STORY, s.source_id) in self.items
        ]
        pages = {page.pk: page for page in ArticlePage.objects.filter(pk__in=ids)}
        redirects: list[tuple[ArticlePage, list[str]]] = []
        self.new_pages: list[tuple[ArticlePage, Story]] = []
        for story in batch:
            page = self._story(story, pages)
            if page is not None and story.status == Status.LIVE:
                redirects.append((page, story.old_paths))
        self._complete_new_pages(self.new_pages)
        self._redirects(redirects)
        ImportedItem.objects.bulk_create(self.new_items)
        self.new_items = []

    def _story_print(self, story: Story) -> str:
        """The story's hash, including which of its files are there (a file added later counts)."""
        files = [story.hero.path] if story.hero else []
        files += sorted(set(story.media.values()))
        present = [bool(self._media_file(path)) for path in files]
        return fingerprint([asdict(story), present])

    def _story(self, story: Story, pages: dict[int, ArticlePage]) -> ArticlePage | None:
        print_ = self._story_print(story)
        item = self.items.get((Kind.STORY, story.source_id))
        page = pages.get(item.object_id) if item else None
        if page is not None and item.fingerprint == print_:
            self.report.count(Kind.STORY, "unchanged")
            return None
        blocks = self._body(story, story.title)
        words = words_of(blocks)
        headline = self._headline(story, words)
        if headline is None:
            return None
        standfirst = " ".join(re.sub(r"<[^>]+>", " ", story.standfirst).split())
        standfirst = cut_at_word(standfirst, STANDFIRST_MAX) or opening_of(words, STANDFIRST_MAX)
        if not blocks:
            blocks = [{"type": "paragraph", "value": f"<p>{escape(standfirst or headline)}</p>"}]
            self._note(story, "the post had no body: its standfirst or title stands as the body")
        section = self._section(story.section.strip() or DEFAULT_SECTION)
        hero_id = self._hero(story, story.hero, headline)
        created = page is None
        if created:
            page = self._new_page(story, headline, section)
        page.title = headline
        page.draft_title = headline
        page.standfirst = standfirst or headline
        page.body = json.dumps(blocks)
        page.hero_image_id = hero_id
        page.hero_caption = cut_at_word(story.hero.caption, 400) if story.hero and hero_id else ""
        page.free_to_read = story.access == Access.FREE
        page.article_authors = [
            ArticleAuthor(author=self.authors[source_id])
            for source_id in dict.fromkeys(story.authors)
            if source_id in self.authors
        ]
        # Tags that differ only in case ("Tag1", "tag1") are one topic, and listed once.
        topics = (self._topic(n.strip()) for n in dict.fromkeys(story.topics) if n.strip())
        page.topics = list({topic.pk: topic for topic in topics}.values())
        if created:
            self._insert(page, story, section)
        else:
            page.save(clean=False)
            self._publish(page, story)
        self.touched[ArticlePage].add(page.pk)
        self._remember(Kind.STORY, story.source_id, page.pk, print_)
        outcome = "created" if created else "updated"
        self.report.count(Kind.STORY, outcome)
        self.report.changes.append(f"{outcome} {story.source_id} “{cut_at_word(headline, 80)}”")
        return page

    def _headline(self, story: Story, words: str) -> str | None:
        title = " ".join(story.title.split())
        if not title:
            if not words:
                self.report.skipped.append(
                    Skipped(
                        kind="post",
                        source_id=story.source_id,
                        title="",
                        reason="no title and no text: nothing to bring in",
                    )
                )
                return None
            title = cut_at_word(" ".join(words.split()[:10]), 80)
            self._note(story, f"no title: made one from the body's first words (“{title}”)")
        elif len(title) > TITLE_MAX:
            title = cut_at_word(title, TITLE_MAX)
            self._note(story, f"title longer than {TITLE_MAX} characters: cut at a word")
        return title

    def _new_page(self, story: Story, headline: str, section: SectionPage) -> ArticlePage:
        """A page placed as the section's last child, its slug unique there (-2, -3 …)."""
        if section.pk not in self.section_slugs:
            children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
            self.section_slugs[section.pk] = set(children.values_list("slug", flat=True))
            last = children.order_by("-path").values_list("path", flat=True).first()
            self.section_last_path[section.pk] = last
        taken = self.section_slugs[section.pk]
        slug = unique_slug(story_slug(story.slug, headline), taken)
        taken.add(slug)
        last = self.section_last_path[section.pk]
        depth = section.depth + 1
        path = (
            ArticlePage(path=last, depth=depth)._inc_path()
            if last
            else ArticlePage._get_path(section.path, depth, 1)
        )
        self.section_last_path[section.pk] = path
        page = ArticlePage(title=headline, slug=slug, path=path, depth=depth, live=False, body="[]")
        page.locale_id = section.locale_id
        page._cached_parent_obj = section
        return page

    def _insert(self, page: ArticlePage, story: Story, section: SectionPage) -> None:
        """A new page written as two plain inserts; its revision and relations follow in bulk.

        Wagtail's ``Page.save`` housekeeping is done here (the address, the
        draft title, the locale), for a page that is known to be new and whose
        slug is known to be free: per page it costs more than the insert.
        """
        fields, _ = _state_fields(story, live=False)
        for name, value in fields.items():
            setattr(page, name, value)
        page.url_path = f"{section.url_path}{page.slug}/"
        models.Model.save(page, force_insert=True)
        self.new_pages.append((page, story))
        self.numchild[section.pk] = self.numchild.get(section.pk, 0) + 1

    def _complete_new_pages(self, new_pages: list[tuple[ArticlePage, Story]]) -> None:
        """The batch's new pages get their revisions, authors and topics, a query each kind."""
        if new_pages:
            page_type = ContentType.objects.get_for_model(ArticlePage)
            base_type = ContentType.objects.get_for_model(Page)
            revisions = []
            for page, story in new_pages:
                _, revision_fields = _state_fields(story, live=False)
                revisions.append(
                    Revision(
                        content_type=page_type,
                        base_content_type=base_type,
                        object_id=str(page.pk),
                        content=page.serializable_data(),
                        object_str=page.title,
                        **revision_fields,
                    )
                )
            Revision.objects.bulk_create(revisions)
            for (page, _story), revision in zip(new_pages, revisions, strict=True):
                page.latest_revision = revision
                page.live_revision = revision if page.live else None
            Page.objects.bulk_update(
                [page for page, _ in new_pages], ["latest_revision", "live_revision"]
            )
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article_id=page.pk, author_id=link.author_id, sort_order=order)
                for page, _ in new_pages
                for order, link in enumerate(page.article_authors.all())
            )
            through = ArticlePage.topics.through
            ArticlePage.topics.through.objects.bulk_create(
                through(articlepage_id=page.pk, topic_id=topic.pk)
                for page, _ in new_pages
                for topic in page.topics.all()
            )
        for section_id, added in self.numchild.items():
            Page.objects.filter(pk=section_id).update(numchild=F("numchild") + added)
        self.numchild = {}

    def _publish(self, page: ArticlePage, story: Story) -> None:
        """A new revision of a page already imported, made live, draft or scheduled."""
        revision = page.save_revision(clean=False)
        fields, revision_fields = _state_fields(story, live=page.live)
        if fields.get("live"):
            fields["live_revision"] = revision
        elif not page.live or story.status != Status.SCHEDULED:
            fields["live_revision"] = None
        if not fields.get("live") and story.status != Status.SCHEDULED:
            Redirect.objects.filter(redirect_page_id=page.pk).delete()
        Revision.objects.filter(pk=revision.pk).update(**revision_fields)
        ArticlePage.objects.filter(pk=page.pk).update(**fields)
        for name, value in fields.items():
            setattr(page, name, value)

    # old links

    def _redirects(self, pages: list[tuple[ArticlePage, list[str]]]) -> None:
        wanted: dict[str, int] = {}
        if self.root_url_path is None:
            self.root_url_path = front_page().url_path
        for page, paths in pages:
            own = old_path_key("/" + page.url_path.removeprefix(self.root_url_path))
            for path in paths:
                key = old_path_key(path)
                if key and key != own and key != "/":
                    wanted[key] = page.pk
        if not wanted:
            return
        existing = {
            r.old_path: r for r in Redirect.objects.filter(site=None, old_path__in=list(wanted))
        }
        new = []
        for key, page_id in wanted.items():
            redirect = existing.get(key)
            if redirect is None:
                new.append(
                    Redirect(old_path=key, site=None, is_permanent=True, redirect_page_id=page_id)
                )
            elif redirect.redirect_page_id != page_id or not redirect.is_permanent:
                redirect.redirect_page_id, redirect.is_permanent = page_id, True
                redirect.redirect_link = ""
                redirect.save()
                self.report.redirects_updated += 1
        Redirect.objects.bulk_create(new)
        self.report.redirects_added += len(new)
