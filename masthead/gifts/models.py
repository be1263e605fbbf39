"""What gift links keep: the publisher's rules, each link, and who read through it.

A :class:`GiftLink` is one subscriber's gift of one story. Its token (see
``links.py``) holds only the link's id; everything else (the article, when it
ends, whether it was revoked, how many readers it still takes) is here, so a
link can be revoked or run out at once. A :class:`GiftRead` is one distinct
reader of a link, known by the meter's key (a browser's random cookie id or
an account), never by an address or an email.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from masthead.gifts.verdict import GiftFacts, GiftRules


@register_setting(icon="mail")
class GiftSettings(BaseGenericSetting):
    """The publisher's rules for subscribers' gift links (Settings › Gift links)."""

    enabled = models.BooleanField(
        default=True,
        help_text="Subscribers may send stories as gift links. Turned off, no new links can be "
        "made and existing ones give what the meter gives.",
    )
    days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Days a new link works.",
    )
    readers = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Distinct readers a new link lets read the whole story.",
    )
    links_a_month = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Links each subscriber may make in a calendar month.",
    )

    panels = [
        HelpPanel(
            content="A gift link lets a friend read one story in full without logging in and "
            "without using their free articles. A new link takes the numbers below; links "
            "already sent keep theirs."
        ),
        FieldPanel("enabled"),
        FieldPanel("days"),
        FieldPanel("readers"),
        FieldPanel("links_a_month"),
    ]

    class Meta:
        verbose_name = "gift links"
        verbose_name_plural = "gift links"

    def __str__(self) -> str:
        return "Gift link rules"

    def as_rules(self) -> GiftRules:
        return GiftRules(
            enabled=self.enabled,
            days=self.days,
            readers=self.readers,
            links_a_month=self.links_a_month,
        )


class GiftLink(models.Model):
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gift_links"
    )
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="gift_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    period = models.CharField(max_length=7)  # the month it counts against, YYYY-MM
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    reader_cap = models.PositiveSmallIntegerField()
    # Distinct readers so far, kept beside the reads so that the cap holds under concurrency.
    reader_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["giver", "period"], name="gift_links_by_giver_month")]

    def __str__(self) -> str:
        return f"Gift of {self.article_id} by {self.giver_id}"

    def facts(self) -> GiftFacts:
        return GiftFacts(
            gift_id=self.pk,
            article_id=self.article_id,
            expires_at=self.expires_at,
            revoked=self.revoked_at is not None,
            readers=self.reader_count,
            cap=self.reader_cap,
        )


class GiftRead(models.Model):
    """One distinct reader of a gift link; ``account`` once they have one."""

    gift = models.ForeignKey(GiftLink, on_delete=models.CASCADE, related_name="reads")
    reader_key = models.CharField(max_length=64)  # the meter's key: "anon:<cookie id>", "user:<id>"
    read_at = models.DateTimeField(auto_now_add=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gift_reads",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gift", "reader_key"], name="one_read_per_gift_reader")
        ]
        indexes = [models.Index(fields=["reader_key"], name="gift_reads_by_reader")]

    def __str__(self) -> str:
        return f"{self.reader_key} read gift {self.gift_id}"
