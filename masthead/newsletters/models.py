"""Newsletters, the readers who asked for them, and the editions sent to them.

A :class:`Signup` keeps its consent (when, where, how it was confirmed), as
the law on email marketing asks a sender to be able to show. A
:class:`Suppression` is global: an address that bounced, complained or left
every letter is never mailed again, whatever list it is on. Each edition is
sent through one :class:`Delivery` row per address (unique), which is what
keeps a send to one copy each across crashes and restarts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    REGISTERED = "registered", "Registered readers"
    SUBSCRIBERS = "subscribers", "Subscribers only"


class Newsletter(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True, help_text="Used in /newsletters/<slug>/.")
    description = models.TextField(blank=True)
    cadence = models.CharField(
        max_length=60, default="Every morning", help_text="e.g. Every morning"
    )
    sender_name = models.CharField(max_length=120, blank=True, help_text="Blank: the paper's name.")
    sender_address = models.EmailField(blank=True, help_text="Blank: the paper's address.")
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.EVERYONE)
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A section letter carries that section's stories.",
    )
    stories = models.PositiveSmallIntegerField(
        default=6, help_text="Stories in an assembled edition."
    )
    daily_at = models.TimeField(
        null=True,
        blank=True,
        help_text="Assembled from the latest stories and sent every day at this time "
        "(the paper's time zone). Blank: editions are sent by hand.",
    )
    active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    prompt_text = models.TextField(
        "prompt's words",
        blank=True,
        help_text="The sign-up prompt at the end of stories, e.g. “Get the morning briefing "
        "in your inbox”. Blank: “Get <name> in your inbox”.",
    )
    prompt_button = models.CharField("prompt's button", max_length=60, default="Sign up")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("cadence"),
        FieldPanel("daily_at"),
        MultiFieldPanel([FieldPanel("sender_name"), FieldPanel("sender_address")], "Sender"),
        FieldPanel("audience"),
        FieldPanel("section"),
        FieldPanel("stories"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel("prompt_text"), FieldPanel("prompt_button")],
            "Sign-up prompt on stories",
            help_text="Stories end with a prompt for the first active newsletter open to "
            "everyone (the lowest sort order). A test of the prompt, once ended, leaves its "
            "winner's words and button here.",
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def prompt_words(self) -> str:
        return self.prompt_text or f"Get {self.name} in your inbox"

    @property
    def from_email(self) -> str:
        from email.utils import formataddr, parseaddr

        default_name, default_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        return formataddr(
            (self.sender_name or default_name, self.sender_address or default_address)
        )


class Signup(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Complained"

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="signups")
    email = models.EmailField()
    name = models.CharField(max_length=160, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_signups",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    consent_at = models.DateTimeField(default=timezone.now, help_text="When consent was given.")
    consent_source = models.CharField(
        max_length=300,
        help_text="Where: the page's address, the account page or the imported file.",
    )
    consent_method = models.CharField(max_length=120, blank=True, help_text="How it was confirmed.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_from = models.ForeignKey(
        "Edition", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "email"], name="one_signup_per_address")
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self) -> str:
        return f"{self.email} on {self.newsletter}"


class Suppression(models.Model):
    """An address never to be mailed again, by any newsletter."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED_ALL = "unsubscribed-all", "Left every newsletter"
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Complained (marked as spam)"

    email = models.EmailField(unique=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    detail = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"


class Edition(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="editions")
    date = models.DateField(default=timezone.localdate)
    subject = models.CharField(max_length=200)
    introduction = models.TextField(
        blank=True, help_text="A few words of your own, above the stories."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("date"),
        FieldPanel("subject"),
        FieldPanel("introduction"),
        InlinePanel("edition_stories", label="Stories", min_num=1),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "date"], name="one_edition_a_day")
        ]
        ordering = ["-date", "newsletter__sort_order"]

    def __str__(self) -> str:
        return f"{self.newsletter}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return f"/newsletters/{self.newsletter.slug}/{self.date:%Y-%m-%d}/"

    def articles(self) -> list:
        """The edition's live stories, in order (a story unpublished since is left out)."""
        links = self.edition_stories.select_related("article").order_by("sort_order")
        return [link.article for link in links if link.article.live]


class EditionStory(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="edition_stories")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "news.ArticlePage")]


class Delivery(models.Model):
    """One edition to one address: the unit that is claimed, sent and marked once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENT = "sent", "Handed to the mail server"
        FAILED = "failed", "Refused by the mail server"
        BOUNCED = "bounced", "Bounced"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField()
    signup = models.ForeignKey(Signup, null=True, on_delete=models.SET_NULL, related_name="+")
    subscriber = models.BooleanField(default=False, help_text="Sent the subscribers' version.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the mail server said it had the message. A sent delivery without it "
        "is one its sender died finishing: it may not have arrived.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "email"], name="one_copy_per_address")
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.edition} to {self.email}"


class Click(models.Model):
    """A reader followed a link in an edition: counted through a signed redirect, not a pixel."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="clicks")
    delivery = models.ForeignKey(Delivery, null=True, on_delete=models.SET_NULL, related_name="+")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    full_read = models.BooleanField(default=False, help_text="The click opened the whole story.")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Click on {self.article_id} in {self.edition_id}"
