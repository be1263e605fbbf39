"""A live blog: a story told entry by entry while it happens.

A live blog is an article (it has the article's headline, standfirst,
authors, topics and metering), so it appears wherever articles do: its
section front, the feeds, the sitemaps and the search. Its body is the
summary above the entries. Entries are saved with the page: an entry is
public once the page is published, like every other change to a story.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.search import index

from masthead.core.blocks import ArticleBodyBlock
from masthead.news.models import ArticlePage, Author


class LiveBlogPage(ArticlePage):
    coverage_start = models.DateTimeField(
        default=timezone.now, help_text="When the live coverage began."
    )
    coverage_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set it to close the coverage: the page then says when it ended.",
    )

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Hero image"
        ),
        FieldPanel("body", heading="Summary", help_text="What a reader arriving now must know."),
        FieldRowPanel(
            [FieldPanel("coverage_start"), FieldPanel("coverage_end")], heading="Coverage"
        ),
        InlinePanel("entries", heading="Entries", label="Entry"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [FieldPanel("free_to_read"), FieldPanel("teaser_paragraphs")],
            heading="Metered access",
            help_text="Past their allowance, readers get the summary, the key events' "
            "headlines and the first entries (as many as the teaser paragraphs).",
        ),
    ]

    # Its entries are searched with it: a word only an entry has finds the blog. Results
    # show the blog's headline and standfirst only, never an entry's words.
    search_fields = [
        *ArticlePage.search_fields,
        index.RelatedFields("entries", [index.SearchField("headline"), index.SearchField("body")]),
    ]

    template = "liveblogs/live_blog_page.html"
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "live blog"

    def reader_context(self, request, access, *, preview: bool) -> dict:
        """What the article's page adds for a live blog (``news.article_response``)."""
        from masthead.liveblogs.response import live_blog_context

        return live_blog_context(self, request, access, preview=preview)

    @property
    def closed(self) -> bool:
        return self.coverage_end is not None

    @property
    def kind_label(self) -> str:
        """The label above the headline: whether the coverage is still running."""
        return "Live coverage ended" if self.closed else "Live"

    def clean(self):
        super().clean()
        pinned = [entry for entry in self.entries.all() if entry.pinned]
        if len(pinned) > 1:
            raise ValidationError("Pin one entry at most.")
        if self.coverage_end and self.coverage_start and self.coverage_end < self.coverage_start:
            raise ValidationError({"coverage_end": "The coverage cannot end before it began."})


class LiveBlogEntry(models.Model):
    blog = ParentalKey(LiveBlogPage, on_delete=models.CASCADE, related_name="entries")
    time = models.DateTimeField(default=timezone.now)
    headline = models.CharField(max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock())
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.PROTECT, related_name="live_entries"
    )
    key_event = models.BooleanField(
        default=False, help_text="Listed under “Key events” at the top of the blog."
    )
    pinned = models.BooleanField(default=False, help_text="Shown first, above the newest entry.")

    panels = [
        FieldRowPanel([FieldPanel("time"), FieldPanel("author")]),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("key_event"), FieldPanel("pinned")]),
    ]

    class Meta:
        ordering = ["time", "pk"]
        verbose_name = "live blog entry"
        verbose_name_plural = "live blog entries"

    def __str__(self) -> str:
        return self.headline or f"Entry at {self.time:%H:%M}"


def running_live_blogs():
    """Live blogs whose coverage has not been closed."""
    return LiveBlogPage.objects.filter(coverage_end__isnull=True)
