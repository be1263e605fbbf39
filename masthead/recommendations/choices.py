"""An editor pins, blocks or releases a similar story; saved at once, without publishing.

Each call writes ``SimilarChoice`` rows; their save and delete signals copy
the choices beside the stored list and purge the article's kept pages
(``services.apply_editor_choices``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from masthead.news.models import ArticlePage
from masthead.recommendations.models import SimilarChoice

ACTIONS = ("pin", "block", "remove")


class ChoiceError(ValueError):
    """The editor's request cannot be carried out; the message says why."""


def parse_story_id(raw: object) -> int:
    try:
        story_id = int(str(raw).strip())
    except ValueError:
        raise ChoiceError(f"“{raw}” is not a story id (a number).") from None
    if story_id <= 0:
        raise ChoiceError(f"“{raw}” is not a story id (a number).")
    return story_id


@transaction.atomic
def choose(article_id: int, story_id: int, action: str) -> str:
    """Pin ``story_id`` to the top of ``article_id``'s similar stories, block it, or remove
    the editor's say on it. Returns a sentence for the editor; raises ``ChoiceError``."""
    if action not in ACTIONS:
        raise ChoiceError(f"Unknown action “{action}”: pin, block or remove.")
    if story_id == article_id:
        raise ChoiceError("A story cannot be similar to itself.")
    rows = SimilarChoice.objects.select_for_update().filter(article_id=article_id)
    if action == "remove":
        removed = [row.delete() for row in rows.filter(story_id=story_id)]
        if not removed:
            raise ChoiceError(f"Story {story_id} is neither pinned nor blocked here.")
        return f"Story {story_id} is no longer pinned or blocked."
    story = ArticlePage.objects.live().filter(pk=story_id).only("title").first()
    if story is None:
        raise ChoiceError(f"There is no published story with id {story_id}.")
    last = rows.aggregate(last=Max("sort_order"))["last"]
    row, _ = SimilarChoice.objects.update_or_create(
        article_id=article_id,
        story_id=story_id,
        defaults={"action": action, "sort_order": (last or 0) + 1},
    )
    done = "pinned to the top" if action == "pin" else "blocked"
    return f"“{story.title}” is {done}; readers see the change now."
