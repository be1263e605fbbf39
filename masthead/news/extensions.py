"""What other features add to the paper's content, registered in their ``AppConfig.ready()``.

- :data:`running_coverage`: functions giving a queryset of the stories whose
  coverage runs now (live blogs): their cards say "Live" (``markers``).
- :func:`add_to_article_editor`: a panel in the story editor's Content tab
  (the similar stories readers see now).
- :data:`demo_loaded`: a signal sent with ``now`` once ``load_demo`` has made the
  demo paper, for features that add their own history to it (reader analytics).

News names none of the features that add to it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.dispatch import Signal

from masthead.core.registry import Registry

running_coverage: Registry[Callable[[], QuerySet]] = Registry("running coverage")
demo_loaded = Signal()


def add_to_article_editor(panel, *, after: str) -> None:
    """Put ``panel`` in the story editor, after the panel of the field or relation ``after``.

    Call it from ``AppConfig.ready()``: Wagtail builds the editor from the panels
    on its first use, after every app is ready.
    """
    from masthead.news.models import ArticlePage

    panels = list(ArticlePage.content_panels)
    names = [getattr(p, "field_name", None) or getattr(p, "relation_name", None) for p in panels]
    if after not in names:
        raise ValueError(f"The story editor has no panel for {after!r} to follow.")
    position = names.index(after) + 1
    ArticlePage.content_panels = [*panels[:position], panel, *panels[position:]]
