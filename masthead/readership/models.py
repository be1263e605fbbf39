"""What the paper knows of its readership: how many full-text reads each story had, per day.

One row per article per day and nothing else: no reader, cookie, address,
account or time of day is ever stored, so "Most read" leaves no trail of who
read what.
"""

from __future__ import annotations

from django.db import models


class DailyReads(models.Model):
    # No database constraint: a read flushed as its story is deleted must not fail the flush.
    article = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    day = models.DateField(help_text="In the publication's time zone.")
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily reads"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="one_count_per_article_per_day")
        ]
        indexes = [models.Index(fields=["day"], name="readership_day")]

    def __str__(self) -> str:
        return f"{self.article_id} on {self.day}: {self.reads}"
