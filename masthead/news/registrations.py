"""What the paper's content adds to the layers below it, in one place.

- A change to a section or the front touches every page (their names and
  addresses are in every page's navigation); a story's touches its own
  page and the listings above it only.
- An author, a topic or an image, once edited or deleted, shows wherever it
  is used: everything. A new one shows nowhere until a story that uses it is
  published.
- A published story has its images' renditions made in the background.
"""

from __future__ import annotations

from wagtail.signals import page_published

from masthead.core.versions import bump_on_change
from masthead.edge.extensions import page_tags


def fronts_touch_everything(page, page_class) -> tuple[str, ...]:
    from masthead.news.models import ArticlePage

    if page_class is not None and not issubclass(page_class, ArticlePage):
        return ("site",)
    return ()


def only_once_used(instance, created, update_fields) -> bool:
    """A new author or topic is on no page yet."""
    return created


def register() -> None:
    from masthead.images.renditions import on_article_published
    from masthead.news.models import ArticlePage, Author, Topic

    page_tags.register(fronts_touch_everything)
    for model in (Author, Topic):
        bump_on_change(model, ("site",), uid="news-used", skip=only_once_used)
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="renditions")
