"""The newspaper's content: a front page, sections, articles, their authors and topics.

The page tree is the URL scheme: HomePage at ``/``, a SectionPage per section
at ``/<section>/`` and its ArticlePages at ``/<section>/<slug>/``. An article's
section is its parent page. Pages hold structure only; what a page shows is
chosen by the selectors in ``masthead.news.selectors``.
"""

from __future__ import annotations

from datetime import timedelta
from http import HTTPMethod

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from masthead.core.blocks import ArticleBodyBlock
from masthead.images.models import require_alt_text
from masthead.news.forms import ArticlePageForm, NewsPageForm
from masthead.news.front_blocks import FrontLayoutBlock
from masthead.news.scheduling import embargoed_go_live_at
from masthead.news.slugs import slug_from_headline

# Top-level paths the site itself uses; a section may not take one.
RESERVED_SECTION_SLUGS = frozenset(
    {
        "account",
        "accounts",
        "admin",
        "authors",
        "corrections",
        "feeds",
        "healthz",
        "media",
        "payments",
        "robots.txt",
        "search",
        "sitemap.xml",
        "news-sitemap.xml",
        "newsletters",
        "static",
        "subscribe",
        "support",
        "topics",
        "privacy",
    }
)

# An article counts as "updated" only when republished this long after it first went out.
UPDATE_THRESHOLD = timedelta(minutes=5)


class SlugFromHeadlineMixin:
    """An empty slug is made from the headline, unique among the page's siblings.

    The admin's form does this before Wagtail checks the slug (``news.forms``);
    this covers every other road to ``full_clean`` (services, imports, the shell).
    """

    def full_clean(self, *args, **kwargs):
        parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
        if not self.slug and self.title and parent is not None:
            self.slug = slug_from_headline(self.title, parent, self if self.pk else None)
        super().full_clean(*args, **kwargs)


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The newsroom account that writes as this author: new stories default to it.",
    )
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in /authors/<slug>/.")
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Political correspondent")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/authors/{self.slug}/"

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)
        require_alt_text(self.photo)


class Topic(index.Indexed, models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in /topics/<slug>/.")
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/topics/{self.slug}/"

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)


class CaseInsensitiveRouteMixin:
    """``/Britain/Some-Story/`` finds ``/britain/some-story/`` (which then redirects to itself)."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            child = self.get_children().live().filter(slug__iexact=path_components[0]).first()
            if child is None:
                raise
            return child.specific.route(request, path_components[1:])


class KeptSiteRootPathsMixin:
    """Wagtail's site root paths (every ``page.url`` needs them) read once per change.

    Wagtail keeps them in the default cache, which at scale is a Redis round
    trip for each page object a template links to; here they are kept in the
    process until the ``site`` tag moves.
    """

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        from masthead.news.selectors import site_root_paths

        paths = site_root_paths()
        # Wagtail's own code (its redirects, for one) reads them back from there.
        (cache_object or self)._wagtail_cached_site_root_paths = paths
        return paths


class KeptViewRestrictionsMixin(KeptSiteRootPathsMixin):
    """Wagtail's page privacy without a query per question: the restricted paths are kept.

    Wagtail asks before serving; the delivery decision asks again, since a
    restricted page is never kept in the shared cache. Restrictions are read
    once per change (``news.selectors.restricted_paths``); the paper's pages
    are never aliases, so an ancestor's path is all that is needed.
    """

    def get_view_restrictions(self):
        """Wagtail's answer, a ``PageViewRestriction`` QuerySet, already filled from the kept ones.

        Testing or iterating it costs no query, so serving costs none; the
        admin's privacy dialog orders it, which asks the database afresh.
        """
        from masthead.news.selectors import restrictions_over

        kept = restrictions_over(self.path)
        if kept:
            restrictions = PageViewRestriction.objects.filter(pk__in=[r.pk for r in kept])
        else:
            restrictions = PageViewRestriction.objects.none()
        # As Django's prefetch_related fills a QuerySet; an empty one too, or testing it compiles.
        restrictions._result_cache = kept
        return restrictions


class SharedFrontMixin(KeptViewRestrictionsMixin):
    """A front is the same for every reader of a kind: the delivery decision says who shares it."""

    def serve(self, request, *args, **kwargs):
        from masthead.edge.delivery import PageFacts, PageKind
        from masthead.edge.sending import send_page
        from masthead.paywall.services import is_preview

        page = PageFacts(
            kind=PageKind.FRONT,
            preview=is_preview(request),
            restricted=bool(self.get_view_restrictions()),
            page_id=self.pk,
        )
        tags = self.shared_cache_tags()
        return send_page(request, super().serve(request, *args, **kwargs), page, tags=tags)

    def shared_cache_tags(self) -> tuple[str, ...]:
        return (f"page:{self.pk}", f"listing:{self.pk}")


class HomePage(SharedFrontMixin, CaseInsensitiveRouteMixin, Page):
    layout = StreamField(
        FrontLayoutBlock(),
        blank=True,
        help_text="The front, top to bottom. Empty places fill with the newest stories; "
        "with no blocks at all the front shows the newest stories section by section.",
    )
    lead_story = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leads the front when the lead block names no story. "
        "Leave empty to lead with the newest story.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("layout"),
        PageChooserPanel("lead_story", "news.ArticlePage"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.InfoPage"]
    max_count = 1

    class Meta:
        verbose_name = "front page"

    def get_context(self, request, *args, **kwargs):
        from masthead.news.selectors import front_page

        context = super().get_context(request, *args, **kwargs)
        context["front"] = front_page(home=self)
        return context

    def shared_cache_tags(self) -> tuple[str, ...]:
        from masthead.readership.most_read import TAG as MOST_READ

        return (*super().shared_cache_tags(), MOST_READ)  # its list moves without a publish


class SectionPage(SlugFromHeadlineMixin, SharedFrontMixin, CaseInsensitiveRouteMixin, Page):
    description = models.TextField(
        blank=True, help_text="One or two sentences for the section front."
    )
    free_to_read = models.BooleanField(
        default=False, help_text="Every article in a free section can be read without limit."
    )

    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("free_to_read")]

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage", "liveblogs.LiveBlogPage"]
    base_form_class = NewsPageForm

    class Meta:
        verbose_name = "section"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the site itself; choose another."}
            )

    def get_context(self, request, *args, **kwargs):
        from masthead.core.pagination import paginate
        from masthead.news.selectors import articles_in_section

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            articles_in_section(section=self),
            request.GET.get("page"),
            settings.MASTHEAD_ARTICLES_PER_PAGE,
        )
        return context


class InfoPage(Page):
    """A page about the paper itself: who we are, how to reach us, our standards.

    Free to read and never metered. Ticking "Show in menus" (the Promote tab)
    lists it in every page's footer.
    """

    standfirst = models.TextField(blank=True, help_text="One or two sentences under the title.")
    # Not "body": a story's body is reached only through the paywall, and the templates are
    # checked for it; these pages are free.
    text = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("text")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("text"),
    ]

    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "page about the paper"
        verbose_name_plural = "pages about the paper"


class ArticleKind(models.TextChoices):
    """The forms of story a daily prints; each has its label, its look and its schema.org type."""

    NEWS = "news", "News"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    REVIEW = "review", "Review"
    OBITUARY = "obituary", "Obituary"


class ArticlePage(SlugFromHeadlineMixin, KeptViewRestrictionsMixin, Page):
    kind = models.CharField(
        max_length=16,
        choices=ArticleKind.choices,
        default=ArticleKind.NEWS,
        help_text="The form of the story: it sets the label, the look and the structured data.",
    )
    kicker = models.CharField(
        max_length=60,
        blank=True,
        help_text="A word or two above the headline, e.g. “Ardmouth strike”.",
    )
    standfirst = models.TextField(
        max_length=400, help_text="The sentence under the headline that sells the story."
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(
        max_length=400,
        blank=True,
        help_text="Caption for this use of the image; leave blank for the image's default caption.",
    )
    body = StreamField(ArticleBodyBlock())
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    free_to_read = models.BooleanField(
        default=False, help_text="Readers can read this article without using their allowance."
    )
    teaser_paragraphs = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(20)],
        help_text="Paragraphs shown before the offer to readers past their allowance. "
        "Leave blank for the paper's default.",
    )
    social_headline = models.CharField(
        max_length=120,
        blank=True,
        help_text="Shown when the story is shared; leave blank to use the headline.",
    )
    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the story is shared; leave blank to use the hero image.",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The story may not go live before this time, whoever publishes it.",
    )

    content_panels = [
        FieldPanel("kind"),
        FieldPanel("kicker"),
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Hero image"
        ),
        FieldPanel("body"),
        InlinePanel("related_links", heading="Related links", label="Related link"),
        # Other features add theirs here (``extensions.add_to_article_editor``).
        FieldPanel("topics"),
        MultiFieldPanel(
            [FieldPanel("free_to_read"), FieldPanel("teaser_paragraphs")], heading="Metered access"
        ),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("social_headline"), FieldPanel("social_image")],
            heading="When the story is shared",
        ),
    ]
    settings_panels = [
        FieldPanel("embargo_until", heading="Embargoed until"),
        *Page.settings_panels,
    ]
    base_form_class = ArticlePageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=1.5),
        index.SearchField("body"),
        index.FilterField("free_to_read"),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []
    # Wagtail answers OPTIONS and refuses other methods (405) before serve() runs.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        try:
            require_alt_text(self.hero_image)
        except ValidationError as error:
            raise ValidationError({"hero_image": error.messages}) from error

    @cached_property
    def section(self) -> SectionPage | None:
        from masthead.news.selectors import section_at

        section = section_at(self.path[: -self.steplen])
        if section is None:  # not live, or under privacy: ask the tree
            parent = self.get_parent()
            section = parent.specific if parent else None
        return section

    @property
    def headline(self) -> str:
        return self.title

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at or self.latest_revision_created_at

    @property
    def kind_label(self) -> str:
        """The label a reader sees above the headline; plain news carries none."""
        return "" if self.kind == ArticleKind.NEWS else self.get_kind_display()

    def shared_cache_tags(self) -> tuple[str, ...]:
        """What the kept page is made from: itself and the stories its related links name."""
        from masthead.news.related import related_story_ids

        return (f"page:{self.pk}", *(f"page:{pk}" for pk in related_story_ids(self)))

    @property
    def scheduled_for(self):
        """When a story not yet out will go live: its publishing time, held back by any embargo."""
        if self.first_published_at:
            return None
        return embargoed_go_live_at(self.go_live_at, self.embargo_until)

    def with_content_json(self, content):
        """A revision as a page, its go-live time never before the embargo.

        Publishing, approving a submission and ``publish_scheduled`` all publish
        through this, so a story published early is scheduled for the embargo.
        """
        page = super().with_content_json(content)
        page.go_live_at = embargoed_go_live_at(page.go_live_at, page.embargo_until)
        return page

    @property
    def updated_at(self):
        """When the story was last republished (after it first went out) or corrected.

        Its corrections count where a list annotated ``last_corrected_at`` (the
        cards of ``news.selectors``, in the list's one query); a story's own page
        reads them itself (``news.structured_data``).
        """
        first, last = self.first_published_at, self.last_published_at
        republished = last if first and last and last - first >= UPDATE_THRESHOLD else None
        corrected = getattr(self, "last_corrected_at", None)
        return max(filter(None, (republished, corrected)), default=None)

    @property
    def caption(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.caption if self.hero_image else ""

    @property
    def authors(self) -> list[Author]:
        return [link.author for link in self.article_authors.all()]

    def is_free_to_read(self) -> bool:
        section = self.section
        return self.free_to_read or bool(section and section.free_to_read)

    def serve(self, request, *args, **kwargs):
        """The article through the paywall: one decision per request, then a thin render."""
        from masthead.news.article_response import serve_article

        if iri_to_uri(request.path) != self.get_url(request):
            # Another case or an old form of the address: one canonical URL, one count.
            # (The URL is percent-encoded, the request's path is not: a slug in Greek.)
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                self.get_url(request) + (f"?{query}" if query else "")
            )
        return serve_article(self, request)

    def serve_preview(self, request, mode_name):
        from masthead.news.article_response import serve_article

        return serve_article(self, request)


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_article")
        ]


class ArticleRelatedLink(Orderable):
    """A link the editor chose to sit beside the story: another story or an outside page."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A story on this site…",
    )
    url = models.URLField(blank=True, help_text="…or an address elsewhere.")
    title = models.CharField(
        max_length=200, blank=True, help_text="Needed for an outside address; optional for a story."
    )

    panels = [PageChooserPanel("page", "news.ArticlePage"), FieldPanel("url"), FieldPanel("title")]

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError("Choose a story or give an address, not both.")
        if self.url and not self.title:
            raise ValidationError({"title": "An outside link needs a title."})
