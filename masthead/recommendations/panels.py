"""The article editor's view of its similar stories: the current list and the reason for each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.admin.panels import Panel
from wagtail.admin.widgets import AdminPageChooser

from masthead.recommendations.permissions import WHO_MAY_CHOOSE, may_choose_similar

if TYPE_CHECKING:
    from masthead.recommendations.explain import Reason


def listed_with_reasons(article) -> list[tuple[object, list[Reason]]]:
    """What readers see under ``article`` now, each story with why it is there."""
    if article.pk is None:
        return []
    # Imported here: the article model imports this module for its editor panels, and
    # every web worker the article model; the reasons need numpy and scikit-learn.
    from masthead.recommendations.archive import published_article_records
    from masthead.recommendations.explain import Reason, reasons
    from masthead.recommendations.selectors import editor_choices, similar_articles_for
    from masthead.recommendations.services import kept_index_in_memory

    shown = similar_articles_for(article)
    pinned, _ = editor_choices(article.pk)
    records = {r.id: r for r in published_article_records([article.pk, *(a.pk for a in shown)])}
    index = kept_index_in_memory()
    rows = []
    for story in shown:
        found = [Reason("pinned by an editor", "")] if story.pk in pinned else []
        if article.pk in records and story.pk in records:
            found += reasons(index, records[article.pk], records[story.pk])
        rows.append((story, found))
    return rows


def chosen(article) -> list:
    """The editor's pins (in order) and blocks under ``article``, with their stories' titles."""
    if article.pk is None:
        return []
    from masthead.recommendations.models import SimilarChoice

    rows = SimilarChoice.objects.filter(article_id=article.pk).select_related("story")
    return list(rows.only("action", "story__title").order_by("-action", "sort_order", "pk"))


def story_chooser() -> AdminPageChooser:
    """Wagtail's page chooser, for a story not in the list: it posts the story's id."""
    return AdminPageChooser(target_models=["news.ArticlePage"])


class SimilarStoriesPanel(Panel):
    """The list readers see now, and the editor's pins and blocks with buttons that save at once."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "recommendations/admin/similar_stories_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = listed_with_reasons(self.instance)
            context["choices"] = chosen(self.instance)
            user = self.request.user if self.request else None
            may_choose = self.instance.pk is not None and user is not None
            may_choose = may_choose and may_choose_similar(self.instance, user)
            context["article_id"] = self.instance.pk
            context["may_choose"] = may_choose
            context["who_may_choose"] = WHO_MAY_CHOOSE
            if may_choose:
                context["story_chooser"] = story_chooser().render(
                    "similar_story", None, {"id": f"similar-story-{self.instance.pk}"}
                )
            return context

        @property
        def media(self):
            return story_chooser().media
