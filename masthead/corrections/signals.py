"""A new correction changes what its story's page shows: its kept copies are rendered again.

The /corrections/ page and its feeds are never kept, so they show it on the
next request.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from masthead.edge.signals import bump_now_and_on_commit


def correction_added(instance, created=False, **kwargs) -> None:
    if created:
        bump_now_and_on_commit(f"page:{instance.article_id}")


def connect() -> None:
    from masthead.corrections.models import Correction

    post_save.connect(correction_added, sender=Correction, dispatch_uid="corrections-edge")
