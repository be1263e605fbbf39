"""Stored similar-story lists: computed in the background, read by the article view."""

from django.db import models
from django.utils import timezone


class SimilarList(models.Model):
    """An article's most similar published articles, best first, as page ids.

    Stored so that rendering an article costs two queries, not a similarity
    computation. Ids may go stale (an article unpublished since); the
    selector reads only live pages, so a stale id is skipped, never shown.
    """

    article = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="similar_list"
    )
    similar_ids = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "similar-stories list"

    def __str__(self) -> str:
        return f"Similar to article {self.article_id}"
