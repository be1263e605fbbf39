"""Institutions that buy access for their people: by network (IP ranges) and by email domain.

A request from inside an active institution's ranges (as seen through the
trusted proxies only) reads as a subscriber without an account; an account
with a verified address at one of its domains reads as a subscriber too.
Each range and each domain belongs to one institution only.
:class:`MonthlyReads` counts the full-text reads made through each
institution, per month, and nothing about who read.
"""

from __future__ import annotations

from django import forms
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from masthead.institutions.networks import normal_domain, normal_range


def _normalising(normal):
    """A form field that cleans to ``normal(value)``, so that duplicates are found as stored."""

    class Field(forms.CharField):
        def to_python(self, value):
            value = super().to_python(value)
            return normal(value) if value else value

    return Field


class RangeField(models.CharField):
    """A CIDR range, kept in its normal spelling (``2001:db8::/32``), refused with a reason."""

    def to_python(self, value):
        value = super().to_python(value)
        return normal_range(value) if value else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": _normalising(normal_range), **kwargs})


class DomainField(models.CharField):
    """An email domain, lower case, refused with a reason."""

    def to_python(self, value):
        value = super().to_python(value)
        return normal_domain(value) if value else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": _normalising(normal_domain), **kwargs})


class Institution(ClusterableModel):
    name = models.CharField(max_length=200, unique=True)
    active = models.BooleanField(
        default=True, help_text="Untick to end the institution's access without losing its details."
    )
    contact = models.CharField(
        max_length=200, blank=True, help_text="Who to talk to at renewal: a name and an address."
    )
    notes = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("active"),
        FieldPanel("contact"),
        FieldPanel("notes"),
        InlinePanel(
            "ranges",
            label="IP ranges",
            help_text="Requests from these networks read as subscribers, without an account.",
        ),
        InlinePanel(
            "domains",
            label="Email domains",
            help_text="Accounts with a verified address at exactly this domain read as "
            "subscribers (subdomains are added on their own).",
        ),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InstitutionRange(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="ranges")
    network = RangeField(
        "range",
        max_length=64,
        unique=True,
        help_text="IPv4 or IPv6 in CIDR notation: 192.0.2.0/24, 2001:db8::/32.",
        error_messages={"unique": "This range already belongs to an institution."},
    )

    panels = [FieldPanel("network")]

    class Meta(Orderable.Meta):
        verbose_name = "IP range"

    def __str__(self) -> str:
        return self.network


class InstitutionDomain(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="domains")
    domain = DomainField(
        max_length=253,
        unique=True,
        help_text="The part after the @, such as example.edu.",
        error_messages={"unique": "This domain already belongs to an institution."},
    )

    panels = [FieldPanel("domain")]

    class Meta(Orderable.Meta):
        verbose_name = "email domain"

    def __str__(self) -> str:
        return self.domain


class MonthlyReads(models.Model):
    """Full-text reads made through an institution in one month (its first day)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="reads")
    month = models.DateField()
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "month"], name="one_count_per_month")
        ]
        verbose_name_plural = "monthly reads"

    def __str__(self) -> str:
        return f"{self.institution_id} {self.month:%Y-%m}: {self.reads}"
