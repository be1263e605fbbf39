"""A new content generation whenever something a reader sees changes.

Pages (published, unpublished, moved, saved, deleted), the people and topics
on them, images, the appeal and its donations, plans, metering rules and
similar-stories lists.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published

from masthead.edge.generation import bump_generation

CONTENT_MODELS = (
    "news.Author",
    "news.Topic",
    "news.ArticleAuthor",
    "images.MastheadImage",
    "appeals.Campaign",
    "appeals.Donation",
    "subscriptions.Plan",
    "paywall.MeterSettings",
    "recommendations.SimilarList",
    "wagtailcore.PageViewRestriction",
)


# Fields Wagtail fills in as images are first rendered: nothing a reader sees.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def content_changed(update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    # Now, so that this process's next request sees the change even inside
    # the transaction, and again once committed, so that no server keeps a
    # page it rendered from the old state in between.
    bump_generation()
    transaction.on_commit(bump_generation)


def purge_fronts(instance, **kwargs) -> None:
    """A story's section front and the front page list it: a CDN must drop them too."""
    from django.conf import settings
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    fronts = [page for page in instance.get_ancestors().specific() if page.depth > 1]
    batch = PurgeBatch()
    batch.add_pages(fronts)
    batch.purge()


def connect() -> None:
    """Listen to the content models only: a global receiver would slow every delete."""
    from django.apps import apps
    from wagtail.models import get_page_models

    senders = [*get_page_models(), Site, *(apps.get_model(label) for label in CONTENT_MODELS)]
    for sender in senders:
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed, sender=sender, dispatch_uid=f"edge-{sender._meta.label}"
            )
    for signal in (page_published, page_unpublished, post_page_move, published):
        signal.connect(content_changed, dispatch_uid="edge-content-changed")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_fronts, sender=apps.get_model("news.ArticlePage"), dispatch_uid="edge")
