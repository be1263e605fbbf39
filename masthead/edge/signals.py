"""Invalidation as precise as the change: each page change bumps only the tags it touches.

- A page published, unpublished, moved or deleted: the page, the listings
  above it, and whatever the features registered in ``extensions.page_tags``
  say it touches besides (a section's name is on every page; the stories
  whose similar-stories boxes show a story).
- Published or edited, the page itself changes at once; what merely shows it
  (the fronts, other stories' boxes) may be sent as it was for a few seconds
  while it is rendered again (``stale_ok``, ``masthead.core.versions``).
  Unpublished, moved or deleted, everything it touches changes at once: no
  reader follows a front's link to a story that is gone.
- A draft saved or previewed: nothing.
- Page privacy or the site changed: everything.

Features bump the tags their own rows touch themselves
(``masthead.core.versions.bump_on_change``): the metering rules and plans
bump ``rules``, the appeal ``appeal``, an account's subscriptions its
``account:<id>``, an author, a topic or an image everything once used.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.core.versions import bump_now_and_on_commit, bump_on_change, bumps_are_held
from masthead.edge.extensions import page_tags

# Fields Wagtail saves on a page row for a draft, a lock or a comment: nothing a reader sees.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)

EVERYTHING = ("wagtailcore.Site", "wagtailcore.PageViewRestriction")


def tags_for_page(page) -> list[str]:
    """The page, the listings above it, and what the features say the page's change touches."""
    tags = [f"page:{page.pk}"]
    tags += [f"listing:{pk}" for pk in page.get_ancestors().values_list("pk", flat=True)]
    specific = page.specific_class
    for touched in page_tags:
        tags += touched(page, specific)
    return tags


def page_changed(instance, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if bumps_are_held() or getattr(instance, "pk", None) is None or not instance.path:
        return
    # The page itself, and "site" (a section or a front changed: names, addresses and what
    # is free to read, on every page), at once; what merely shows the page, a moment later.
    at_once = (f"page:{instance.pk}", "site")
    tags = tags_for_page(instance)
    bump_now_and_on_commit(*(tag for tag in tags if tag in at_once))
    bump_now_and_on_commit(*(tag for tag in tags if tag not in at_once), stale_ok=True)


def page_gone(instance, **kwargs) -> None:
    """Unpublished or deleted: the page and everything showing it change at once."""
    if bumps_are_held() or getattr(instance, "pk", None) is None or not instance.path:
        return
    bump_now_and_on_commit(*tags_for_page(instance))


def page_moved(instance, parent_page_before=None, parent_page_after=None, **kwargs) -> None:
    tags = tags_for_page(instance)
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            tags.append(f"listing:{parent.pk}")
    bump_now_and_on_commit(*tags)


def purge_fronts(instance, **kwargs) -> None:
    """The fronts above a published or unpublished page list it: a CDN must drop them too."""
    from django.conf import settings
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    if bumps_are_held() or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    fronts = [page for page in instance.get_ancestors().specific() if page.depth > 1]
    if not fronts:
        return
    batch = PurgeBatch()
    batch.add_pages(fronts)
    batch.purge()


def connect() -> None:
    """Listen to the page models only: a global receiver would slow every delete."""
    from django.apps import apps
    from wagtail.models import get_page_models

    for model in get_page_models():
        uid = f"edge-page-{model._meta.label}"
        post_save.connect(page_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(page_gone, sender=model, dispatch_uid=uid)
    for label in EVERYTHING:
        bump_on_change(apps.get_model(label), ("site",), uid="edge-site")
    page_published.connect(page_changed, dispatch_uid=f"edge-{page_published}")
    page_unpublished.connect(page_gone, dispatch_uid=f"edge-{page_unpublished}")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_fronts, dispatch_uid=f"edge-purge-{signal}")
    post_page_move.connect(page_moved, dispatch_uid="edge-page-moved")
