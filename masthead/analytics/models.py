"""What the paper keeps of its reading: counts rolled up as they are written, and conversions.

Nothing here names a reader. There is no column for an address, a user agent,
an email or a cookie: a page sent is counted into the hour's, the story's and
the source's rows and forgotten. The one finer thing, :class:`ReaderDay`, is a
salted digest of the meter identity that lives only for its day, to count
unique readers and to say which story a reader read last before an ask; the
salt changes every day, so two days' digests cannot be joined.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

KINDS = ("anonymous", "registered", "subscriber")  # readers; crawlers are counted apart
OUTCOMES = ("page", "full", "teaser", "wall", "gift", "institution", "unlock")
SOURCES = ("direct", "search", "social", "newsletter", "gift", "internal", "other")
DEVICES = ("phone", "tablet", "desktop")


class HourlyViews(models.Model):
    """Pages sent in one hour, by who read, what they were given, where from, on what."""

    hour = models.DateTimeField()
    kind = models.CharField(max_length=12)  # KINDS, or "crawler"
    outcome = models.CharField(max_length=12)  # OUTCOMES; "page" for a front or section
    source = models.CharField(max_length=12)  # SOURCES
    device = models.CharField(max_length=8)  # DEVICES
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "hourly views"
        constraints = [
            models.UniqueConstraint(
                fields=["hour", "kind", "outcome", "source", "device"],
                name="analytics_one_hour_row",
            )
        ]
        indexes = [models.Index(fields=["hour"], name="analytics_hour")]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h {self.kind} {self.outcome} {self.source}: {self.views}"


class StoryViews(models.Model):
    """A story's (or a front's) pages sent in one day, and what the readers were given.

    One row per page and day, the outcomes side by side: a month's report
    reads a row per story-day, not one per outcome.
    """

    day = models.DateField(help_text="In the publication's time zone.")
    # No database constraint: counts flushed as their page is deleted must not fail the flush.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    views = models.PositiveIntegerField(default=0)  # every page sent, whatever the outcome
    full = models.PositiveIntegerField(default=0)  # read in full on the meter or as a subscriber
    teaser = models.PositiveIntegerField(default=0)  # stopped at the registration wall
    wall = models.PositiveIntegerField(default=0)  # stopped at the subscription offer
    gift = models.PositiveIntegerField(default=0)  # read in full through a gift link
    institution = models.PositiveIntegerField(default=0)  # read in full through an institution
    unlock = models.PositiveIntegerField(default=0)  # read in full, unlocked for everyone

    class Meta:
        verbose_name_plural = "story views"
        constraints = [
            models.UniqueConstraint(fields=["day", "page"], name="analytics_one_story_row")
        ]
        indexes = [models.Index(fields=["day"], name="analytics_story_day")]

    def __str__(self) -> str:
        return f"{self.page_id} on {self.day}: {self.views}"


class SourceViews(models.Model):
    """Pages sent in one day from one source: a search engine's, a site's or an edition's."""

    day = models.DateField()
    source = models.CharField(max_length=12)
    detail = models.CharField(max_length=100, blank=True)  # a domain, or an edition's id
    views = models.PositiveIntegerField(default=0)
    full = models.PositiveIntegerField(default=0)  # of those, stories given in full

    class Meta:
        verbose_name_plural = "source views"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "source", "detail"], name="analytics_one_source_row"
            )
        ]
        indexes = [models.Index(fields=["day"], name="analytics_source_day")]

    def __str__(self) -> str:
        return f"{self.source} {self.detail} on {self.day}: {self.views}"


class MinuteViews(models.Model):
    """Pages sent in one minute, per page: the "right now" panel. Kept for a day."""

    minute = models.DateTimeField()
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "minute views"
        constraints = [
            models.UniqueConstraint(fields=["minute", "page"], name="analytics_one_minute_row")
        ]
        indexes = [models.Index(fields=["minute"], name="analytics_minute")]

    def __str__(self) -> str:
        return f"{self.page_id} at {self.minute:%H:%M}: {self.views}"


class ReaderDay(models.Model):
    """One reader's day, under a digest salted for that day only; deleted when the day is over.

    It counts unique readers, and remembers which story the reader read last
    and where their visit came from, for a conversion later that day.
    """

    day = models.DateField()
    digest = models.CharField(max_length=16)
    story_id = models.IntegerField(null=True)  # the last story read (in full or not)
    source = models.CharField(max_length=12, blank=True)  # the visit's source, never "internal"
    detail = models.CharField(max_length=100, blank=True)
    walled = models.BooleanField(default=False)  # met a wall today

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "digest"], name="analytics_one_reader_day")
        ]

    def __str__(self) -> str:
        return f"a reader on {self.day}"


class DailyReaders(models.Model):
    """Unique readers of a day: its closed ``ReaderDay`` rows, and its readers with no cookie."""

    day = models.DateField(unique=True)
    readers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily readers"

    def __str__(self) -> str:
        return f"{self.day}: {self.readers} readers"


class Conversion(models.Model):
    """A subscription, donation, registration or newsletter sign-up, and what led to it."""

    class Kind(models.TextChoices):
        SUBSCRIPTION = "subscription"
        DONATION = "donation"
        REGISTRATION = "registration"
        SIGNUP = "signup", "newsletter sign-up"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField()
    # The story read last before the ask or the wall, and the visit's source.
    story = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
    )
    source = models.CharField(max_length=12, blank=True)
    detail = models.CharField(max_length=100, blank=True)
    after_wall = models.BooleanField(default=False)  # the reader had met the wall that day
    revenue_pence = models.PositiveIntegerField(default=0)  # in the paper's currency
    # For the 7-day funnel (registration, then subscription); gone with the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What was converted ("subscription:12"): the same confirmation recorded twice is one.
    reference = models.CharField(max_length=60, unique=True)

    class Meta:
        indexes = [models.Index(fields=["at"], name="analytics_conversion_at")]
        # The dashboard, its CSV files and the story editor's panel: Editors and Business.
        permissions = [("view_analytics", "Can see the reader analytics")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
