"""Stored similar-story lists (computed in the background) and the editor's pins and blocks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.models import Orderable


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
    # A copy of the editor's ``SimilarChoice`` rows, so that the article view
    # reads list, pins and blocks in one query; rewritten whenever they change.
    pinned_ids = models.JSONField(default=list)
    blocked_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = "similar-stories list"

    def __str__(self) -> str:
        return f"Similar to article {self.article_id}"


class SimilarChoice(Orderable):
    """An editor's say on an article's similar stories: a story pinned to the top, or blocked.

    Kept apart from the computed list, so that every rebuild leaves it alone;
    applied when the list is read (``selectors.similar_articles_for``).
    Written from the article editor's panel (``views.similar_choice``).
    """

    class Action(models.TextChoices):
        PIN = "pin", "Pin to the top"
        BLOCK = "block", "Never show"

    # A plain key, not part of the page's revisions: a choice is saved by itself
    # (``choices.choose``) and shows at once, without publishing the story.
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="similar_choices"
    )
    story = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A published story of this paper.",
    )
    action = models.CharField(max_length=8, choices=Action.choices, default=Action.PIN)

    class Meta(Orderable.Meta):
        verbose_name = "similar story chosen by the editor"
        constraints = [
            models.UniqueConstraint(fields=["article", "story"], name="one_choice_per_story")
        ]

    def clean(self) -> None:
        if self.article_id and self.article_id == self.story_id:
            raise ValidationError({"story": "A story cannot be similar to itself."})

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.story_id} under {self.article_id}"
