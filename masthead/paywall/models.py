"""What the paywall keeps: the publisher's rules, and which articles each reader read."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import RevisionMixin

from masthead.paywall.policy import MeterRules


class MeterSettings(RevisionMixin, models.Model):
    """The metering rules, edited by the business group; every save is a revision."""

    anonymous_limit = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(1000)],
        help_text="Free articles a month for readers who are not logged in.",
    )
    registered_limit = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(1000)],
        help_text="Free articles a month for readers with a free account.",
    )
    teaser_paragraphs = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(20)],
        help_text="Paragraphs shown before the offer once the allowance is used. "
        "An article can set its own.",
    )

    panels = [
        HelpPanel(
            content="Subscribers and staff read without limit. Articles marked free to read, "
            "free sections, fronts, author, topic and search pages are never metered. "
            "Months follow the publication's time zone. Changes take effect at once."
        ),
        FieldPanel("anonymous_limit"),
        FieldPanel("registered_limit"),
        FieldPanel("teaser_paragraphs"),
    ]

    class Meta:
        verbose_name = "metering rules"
        verbose_name_plural = "metering rules"

    def __str__(self) -> str:
        return "Metering rules"

    def as_rules(self) -> MeterRules:
        return MeterRules(
            anonymous_limit=self.anonymous_limit,
            registered_limit=self.registered_limit,
            teaser_paragraphs=self.teaser_paragraphs,
        )


class MeterRead(models.Model):
    """One reader read one article in one month (database meter store)."""

    reader_key = models.CharField(max_length=64)
    period = models.CharField(max_length=7)  # YYYY-MM in the publication's time zone
    article_id = models.BigIntegerField()
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reader_key", "period", "article_id"], name="one_read_per_article_a_month"
            )
        ]
        indexes = [models.Index(fields=["period", "reader_key"], name="meter_reads_by_reader")]

    def __str__(self) -> str:
        return f"{self.reader_key} read {self.article_id} in {self.period}"


class WallStop(models.Model):
    """A reader met the wall or the offer this month; counted on the revenue page."""

    reader_key = models.CharField(max_length=64)
    period = models.CharField(max_length=7)
    offer = models.CharField(max_length=20)  # "register" or "subscribe"
    first_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reader_key", "period"], name="one_wall_stop_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.reader_key} stopped in {self.period}"
