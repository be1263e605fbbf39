"""Invalidation as precise as the change: each change bumps only the tags it touches.

- A story published, unpublished, moved or deleted: the story, the listings
  of its section and of the front page, and the stories whose similar-stories
  boxes show it.
- A section or the front page changed: everything (their names and
  addresses are in every page's navigation).
- A draft saved or previewed: nothing.
- An author, a topic or an image edited or deleted, page privacy or the site
  changed: everything. A new author, topic or image: nothing until a story
  that uses it is published.
- Metering rules and plans: the article variants only (``rules``).
- The appeal and its donations: no page (the banner is a per-reader piece).
- An account, its groups, addresses or subscriptions: that account's kept kind.

A bump happens at once, so that this process's next request sees the change
even inside the transaction, and again once committed, so that no server
keeps a page it rendered from the old state in between.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.edge.versions import bump

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
# Fields Wagtail fills in as images are first rendered: nothing a reader sees.
IMAGE_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})

EVERYTHING = ("wagtailcore.Site", "wagtailcore.PageViewRestriction")
EVERYTHING_ONCE_USED = ("news.Author", "news.Topic", "images.MastheadImage")
RULES = ("subscriptions.Plan", "paywall.MeterSettings")
APPEAL = ("appeals.Campaign", "appeals.Donation")


# Set while an import writes thousands of pages: no bump per change, one "site" bump at the end.
_held: ContextVar[bool] = ContextVar("edge_bumps_held", default=False)


@contextmanager
def bumps_held(*, bump_after: bool = True) -> Iterator[None]:
    """Change content in bulk without a bump per page; everything is bumped once on leaving."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)
    if bump_after:
        bump_now_and_on_commit("site")


def bump_now_and_on_commit(*tags: str) -> None:
    if _held.get():
        return
    bump(*tags)
    transaction.on_commit(lambda: bump(*tags))


def holders_of(article_id: int) -> list[int]:
    """The articles whose stored similar-stories list shows ``article_id``."""
    from masthead.recommendations.models import SimilarList

    if connection.vendor == "postgresql":
        return list(
            SimilarList.objects.filter(similar_ids__contains=[article_id]).values_list(
                "article_id", flat=True
            )
        )
    return [
        holder
        for holder, similar in SimilarList.objects.values_list("article_id", "similar_ids")
        if article_id in similar
    ]


def tags_for_page(page) -> list[str]:
    from masthead.news.models import ArticlePage

    tags = [f"page:{page.pk}"]
    specific = page.specific_class
    if specific is not None and not issubclass(specific, ArticlePage):
        tags.append("site")  # a section's or the front's name and address are on every page
    tags += [f"listing:{pk}" for pk in page.get_ancestors().values_list("pk", flat=True)]
    if specific is not None and issubclass(specific, ArticlePage):
        tags += [f"page:{holder}" for holder in holders_of(page.pk)]
    return tags


def page_changed(instance, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if _held.get() or getattr(instance, "pk", None) is None or not instance.path:
        return
    bump_now_and_on_commit(*tags_for_page(instance))


def page_moved(instance, parent_page_before=None, parent_page_after=None, **kwargs) -> None:
    tags = tags_for_page(instance)
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            tags.append(f"listing:{parent.pk}")
    bump_now_and_on_commit(*tags)


def everything_changed(**kwargs) -> None:
    bump_now_and_on_commit("site")


def used_thing_changed(created=False, update_fields=None, **kwargs) -> None:
    """An edit shows wherever the thing is used; a new author, topic or image nowhere yet."""
    if created or (update_fields and set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS):
        return
    bump_now_and_on_commit("site")


def rules_changed(**kwargs) -> None:
    bump_now_and_on_commit("rules")


def appeal_changed(**kwargs) -> None:
    bump_now_and_on_commit("appeal")


def account_changed(instance, **kwargs) -> None:
    user_id = instance.pk if instance._meta.label == "accounts.User" else instance.user_id
    if user_id is not None:
        bump_now_and_on_commit(f"account:{user_id}")


def memberships_changed(instance, model, pk_set=None, reverse=False, **kwargs) -> None:
    from django.contrib.auth import get_user_model

    if isinstance(instance, get_user_model()):
        bump_now_and_on_commit(f"account:{instance.pk}")
    else:  # a group's members or permissions: every kept account kind
        bump_now_and_on_commit("accounts")


def purge_fronts(instance, **kwargs) -> None:
    """A story's section front and the front page list it: a CDN must drop them too."""
    from django.conf import settings
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    if _held.get() or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    fronts = [page for page in instance.get_ancestors().specific() if page.depth > 1]
    batch = PurgeBatch()
    batch.add_pages(fronts)
    batch.purge()


def connect() -> None:
    """Listen to the content models only: a global receiver would slow every delete."""
    from allauth.account.models import EmailAddress
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import get_page_models

    def on_save_and_delete(sender, receiver, uid):
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=sender, dispatch_uid=f"edge-{uid}-{sender._meta.label}")

    for model in get_page_models():
        on_save_and_delete(model, page_changed, "page")
    for label in EVERYTHING:
        on_save_and_delete(apps.get_model(label), everything_changed, "site")
    for label in EVERYTHING_ONCE_USED:
        on_save_and_delete(apps.get_model(label), used_thing_changed, "used")
    for label in RULES:
        on_save_and_delete(apps.get_model(label), rules_changed, "rules")
    for label in APPEAL:
        on_save_and_delete(apps.get_model(label), appeal_changed, "appeal")
    user = get_user_model()
    for model in (user, EmailAddress, apps.get_model("subscriptions.Subscription")):
        on_save_and_delete(model, account_changed, "account")
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(memberships_changed, sender=through, dispatch_uid=f"edge-{through}")
    post_delete.connect(memberships_changed_group, sender=Group, dispatch_uid="edge-group")
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"edge-{signal}")
    post_page_move.connect(page_moved, dispatch_uid="edge-page-moved")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_fronts, sender=apps.get_model("news.ArticlePage"), dispatch_uid="edge")


def memberships_changed_group(**kwargs) -> None:
    bump_now_and_on_commit("accounts")
