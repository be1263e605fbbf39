"""A new correction changes what its story's page shows: its kept copies are rendered again.

Its time becomes the story's "Updated" time, which the story's cards show
too: the fronts and lists that carry the story are rendered again as after a
publish (``edge.signals.tags_for_page``). The /corrections/ page and its
feeds are never kept, so they show it on the next request.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from masthead.core.versions import bump_now_and_on_commit
from masthead.edge.signals import tags_for_page


def correction_added(instance, created=False, **kwargs) -> None:
    if created:
        bump_now_and_on_commit(*tags_for_page(instance.article))


def connect() -> None:
    from masthead.corrections.models import Correction

    post_save.connect(correction_added, sender=Correction, dispatch_uid="corrections-edge")
