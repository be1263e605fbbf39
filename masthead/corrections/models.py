"""Corrections on the record: what a story got wrong, what is right, and when.

A correction is never edited or deleted, by the newsroom or by code: a later
correction may supersede it, and both stay on the record. The model refuses
to save an existing row or to delete one, and its querysets refuse bulk
updates and deletes; the admin offers add and view only (``wagtail_hooks``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a correction."""


class CorrectionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Corrections cannot be changed; add a superseding one.")

    def delete(self):
        raise AppendOnlyError("Corrections cannot be deleted; add a superseding one.")


class Correction(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,  # a story taken down takes its notes with it
        related_name="corrections",
        help_text="The story being corrected.",
    )
    wrong = models.TextField(
        "What was wrong",
        help_text="As readers will read it, e.g. “An earlier version of this story said "
        "the Vessa bridge closed on Tuesday.”",
    )
    right = models.TextField(
        "What is right",
        help_text="E.g. “It closed on Wednesday.”",
    )
    corrected_at = models.DateTimeField(
        "When",
        default=timezone.now,
        help_text="When the story was corrected; it becomes the story's “Updated” time.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,  # gone only with its story
        related_name="superseded_by",
        help_text="An earlier correction of this story that this one replaces; both stay shown.",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        indexes = [models.Index(fields=["article", "corrected_at"])]

    def __str__(self) -> str:
        when = timezone.localtime(self.corrected_at).strftime("%d %b %Y %H:%M")
        return f"{self.article.title} ({when})"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("Corrections cannot be changed; add a superseding one.")
        kwargs["force_insert"] = True  # never an UPDATE, whatever the caller passed
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Corrections cannot be deleted; add a superseding one.")

    def clean(self):
        super().clean()
        if self.corrected_at and self.corrected_at > timezone.now():
            raise ValidationError({"corrected_at": "A correction cannot be dated in the future."})
        if self.supersedes_id and self.article_id and self.supersedes.article_id != self.article_id:
            raise ValidationError(
                {"supersedes": "A correction can only supersede one of the same story."}
            )

    @property
    def text(self) -> str:
        """The correction as one passage: its own words, never the story's."""
        return f"{self.wrong.strip()} {self.right.strip()}"
