"""Reads of published news: what the front page, sections, authors and topics show.

Every list is of live, public articles only, newest first, with what a story
card needs (section, hero image renditions, authors) loaded in a fixed
number of queries, however long the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page, PageViewRestriction

from masthead.core.kept import kept_until_changed
from masthead.corrections.selectors import last_corrected_at
from masthead.news.markers import live_coverage
from masthead.news.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    InfoPage,
    SectionPage,
    Topic,
)


@kept_until_changed("site")
def site_root_paths():
    from wagtail.models import Site

    return Site.get_site_root_paths()


@kept_until_changed("site")
def restricted_paths() -> dict[str, list[PageViewRestriction]]:
    """Pages under Wagtail's privacy (by tree path) and their restrictions: read once per change."""
    restricted: dict[str, list[PageViewRestriction]] = {}
    for restriction in PageViewRestriction.objects.select_related("page"):
        restricted.setdefault(restriction.page.path, []).append(restriction)
    return restricted


def public_only(pages: QuerySet) -> QuerySet:
    """Wagtail's ``public()`` without its query per call: the restricted paths are kept."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def restrictions_over(path: str) -> list[PageViewRestriction]:
    """The view restrictions on the page at ``path`` and on its ancestors."""
    return [
        restriction
        for restricted, restrictions in restricted_paths().items()
        if path.startswith(restricted)
        for restriction in restrictions
    ]


def published_articles() -> QuerySet[ArticlePage]:
    return (
        public_only(ArticlePage.objects.live())
        .annotate(last_corrected_at=last_corrected_at())  # a card's "Updated" (``updated_at``)
        .annotate(live_coverage=live_coverage())  # a card's "Live"
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
        )
        .order_by("-first_published_at", "-pk")
    )


@kept_until_changed("site")
def live_sections() -> list[SectionPage]:
    """The sections, in order: read once per change to the site's structure."""
    return list(public_only(SectionPage.objects.live()).order_by("path"))


@dataclass(frozen=True)
class PageLink:
    """A link every page carries (the navigation, the footer), its address worked out once
    per change to the site's structure: Wagtail's ``url`` is no cheap property."""

    path: str  # the page's tree path: a page under a section's is in the section
    url: str
    title: str


@kept_until_changed("site")
def section_links() -> list[PageLink]:
    return [PageLink(section.path, section.url, section.title) for section in live_sections()]


@kept_until_changed("site")
def about_pages() -> list[InfoPage]:
    """The pages about the paper listed in the footer: read once per change to the site."""
    pages = public_only(InfoPage.objects.live().filter(show_in_menus=True)).order_by("path")
    return list(pages)


@kept_until_changed("site")
def about_links() -> list[PageLink]:
    return [PageLink(page.path, page.url, page.title) for page in about_pages()]


def section_at(path: str) -> SectionPage | None:
    """The live section whose tree path is ``path`` (no query while nothing changed)."""
    return next((section for section in live_sections() if section.path == path), None)


def attach_sections(articles, sections: list[SectionPage] | None = None) -> list[ArticlePage]:
    """Set each article's ``section`` from one list of sections instead of a query per card."""
    articles = list(articles)
    by_path = {section.path: section for section in (sections or live_sections())}
    for article in articles:
        section = by_path.get(article.path[: -Page.steplen])
        if section is not None:
            article.section = section  # fills the cached_property
    return articles


def articles_in_section(*, section: SectionPage) -> QuerySet[ArticlePage]:
    return published_articles().child_of(section)


def articles_by_author(*, author: Author) -> QuerySet[ArticlePage]:
    return published_articles().filter(article_authors__author=author)


def articles_with_topic(*, topic: Topic) -> QuerySet[ArticlePage]:
    return published_articles().filter(topics=topic)


def articles_published_since(since: datetime) -> QuerySet[ArticlePage]:
    return published_articles().filter(first_published_at__gte=since)


# How far back the front looks for stories to fill its places, in one light query.
FRONT_POOL = 300
DEFAULT_SECONDARY = 4
DEFAULT_SECTION_COUNT = 4
DEFAULT_LAYOUTS = ("feature", "across", "list")


@dataclass
class FrontBlock:
    """One space on the front: its kind, its stories, and how it is laid out."""

    kind: str  # "lead", "live", "section", "opinion" or "most_read"
    articles: list[ArticlePage] = field(default_factory=list)
    title: str = ""
    section: SectionPage | None = None
    layout: str = ""

    @property
    def template(self) -> str:
        return f"components/front/{self.kind}.html"

    @property
    def lead(self) -> ArticlePage | None:
        return self.articles[0] if self.articles else None

    @property
    def secondaries(self) -> list[ArticlePage]:
        return self.articles[1:]


@dataclass
class FrontPage:
    blocks: list[FrontBlock]

    @property
    def lead(self) -> ArticlePage | None:
        return next((b.lead for b in self.blocks if b.kind == "lead"), None)


@dataclass
class _Place:
    """A block being filled: what was asked for, and the ids it has so far."""

    kind: str
    count: int
    chosen: list[int]
    title: str = ""
    section: SectionPage | None = None
    layout: str = ""
    ids: list[int] = field(default_factory=list)


def _ids(items) -> list[int]:
    """Chooser ids from a ListBlock's raw data, old (plain) or new (``{"value": …}``) form."""
    ids = []
    for item in items or []:
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, int):
            ids.append(value)
    return ids


def default_layout(sections: list[SectionPage]) -> list[dict]:
    """A fresh install's front: lead, opinion, the sections by recency, most read."""
    layout: list[dict] = [{"type": "lead", "value": {"secondary": DEFAULT_SECONDARY}}]
    layout.append({"type": "opinion", "value": {"title": "Opinion", "count": 4}})
    for index, section in enumerate(sections):
        value = {
            "section": section.pk,
            "layout": DEFAULT_LAYOUTS[index % len(DEFAULT_LAYOUTS)],
            "count": DEFAULT_SECTION_COUNT,
        }
        layout.append({"type": "section", "value": value})
        if index == 1:
            layout.append({"type": "most_read", "value": {"title": "Most read", "count": 5}})
    if len(sections) < 2:
        layout.append({"type": "most_read", "value": {"title": "Most read", "count": 5}})
    return layout


def _places(home: HomePage, sections: list[SectionPage]) -> list[_Place]:
    by_pk = {section.pk: section for section in sections}
    raw = list(home.layout.raw_data) if home.layout else []
    places = []
    for block in raw or default_layout(sections):
        kind, value = block["type"], block.get("value") or {}
        chosen = _ids(value.get("stories"))
        if kind == "lead":
            if not chosen and home.lead_story_id:
                chosen = [home.lead_story_id]
            count = 1 + int(value.get("secondary", DEFAULT_SECONDARY))
            places.append(_Place(kind, count, chosen))
        elif kind == "section":
            section = by_pk.get(value.get("section"))
            if section is None:  # unpublished or private since it was placed
                continue
            count = int(value.get("count", DEFAULT_SECTION_COUNT))
            layout = value.get("layout") or "feature"
            places.append(_Place(kind, count, chosen, section.title, section, layout))
        elif kind in ("opinion", "most_read"):
            title = value.get("title") or ("Opinion" if kind == "opinion" else "Most read")
            places.append(_Place(kind, int(value.get("count", 5)), chosen, title))
    return places


RUNNING_ON_FRONT = 2


def _with_running_coverage(places: list[_Place], home: HomePage) -> list[_Place]:
    """The coverage running now (live blogs), in a band of its own under the lead.

    Its stories are placed like hand-placed ones, so they appear nowhere else
    on the front; opening or closing the coverage is a publication, which
    renders the front again.
    """
    running = public_only(ArticlePage.objects.live()).descendant_of(home)
    running = running.filter(live_coverage()).order_by("-last_published_at", "-pk")
    ids = list(running.values_list("pk", flat=True)[:RUNNING_ON_FRONT])
    if not ids:
        return places
    at = 1 if places and places[0].kind == "lead" else 0
    return [*places[:at], _Place("live", len(ids), ids, "Live"), *places[at:]]


def _candidates(home: HomePage, limit: int | None, **filters) -> list[tuple[int, str, str]]:
    """(id, path, kind) of live, public stories under ``home``, newest first."""
    rows = (
        public_only(ArticlePage.objects.live())
        .descendant_of(home)
        .filter(**filters)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "path", "kind")
    )
    return list(rows[:limit] if limit else rows)


def _fill(places: list[_Place], home: HomePage, pool: list[tuple[int, str, str]]) -> None:
    """Hand-placed stories first, wherever they are; then each place's empty slots by recency."""
    known = {pk for pk, _, _ in pool}
    chosen = [pk for place in places for pk in place.chosen]
    missing = [pk for pk in chosen if pk not in known]
    if missing:  # older than the pool, or not published: ask about those only
        pool_of_chosen = _candidates(home, None, pk__in=missing)
        known |= {pk for pk, _, _ in pool_of_chosen}
    used: set[int] = set()
    for place in places:
        for pk in place.chosen:
            if pk in known and pk not in used and len(place.ids) < place.count:
                place.ids.append(pk)
                used.add(pk)
    # The opinion column takes its pieces first, so opinion never leads the news.
    for place in sorted(places, key=lambda place: place.kind != "opinion"):
        if place.kind in ("most_read", "live"):
            continue

        def fits(path: str, kind: str, place=place) -> bool:
            if place.kind == "section":
                return path[: -Page.steplen] == place.section.path
            if place.kind == "opinion":
                return kind == "opinion"
            return True

        rows = pool
        if len(pool) == FRONT_POOL and place.kind != "lead":
            # The pool may have run out of this place's stories: look further back.
            extra = (
                {"path__startswith": place.section.path} if place.section else {"kind": "opinion"}
            )
            rows = _candidates(home, place.count + len(used), **extra)
        for pk, path, kind in rows:
            if len(place.ids) >= place.count:
                break
            if pk not in used and fits(path, kind):
                place.ids.append(pk)
                used.add(pk)


def front_articles(ids) -> dict[int, ArticlePage]:
    """Every story on the front in a fixed number of queries, with its writers' pictures."""
    articles = (
        public_only(ArticlePage.objects.live())
        .filter(pk__in=list(ids))
        .annotate(last_corrected_at=last_corrected_at())  # a card's "Updated" (``updated_at``)
        .annotate(live_coverage=live_coverage())  # a card's "Live"
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author__photo").order_by(
                    "sort_order"
                ),
            ),
            "article_authors__author__photo__renditions",
        )
    )
    return {article.pk: article for article in articles}


def front_page(*, home: HomePage) -> FrontPage:
    """The front as the editors arranged it, every empty place filled by recency.

    No story appears twice, except in "Most read", which ranks what readers
    chose. Costs the same few queries however the front is arranged.
    """
    from masthead.readership.most_read import most_read_ids

    sections = [s for s in live_sections() if s.path.startswith(home.path)]
    places = _with_running_coverage(_places(home, sections), home)
    _fill(places, home, _candidates(home, FRONT_POOL))
    for place in places:
        if place.kind == "most_read":
            place.ids = list(most_read_ids())
    articles = front_articles({pk for place in places for pk in place.ids})
    attach_sections(articles.values(), sections)
    blocks = []
    for place in places:
        found = [articles[pk] for pk in place.ids if pk in articles][: place.count]
        if found:
            blocks.append(FrontBlock(place.kind, found, place.title, place.section, place.layout))
    return FrontPage(blocks=blocks)
