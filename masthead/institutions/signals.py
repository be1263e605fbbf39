"""An institution changed: the kept ranges end (``institutions``), and so do kept account kinds.

Ranges are looked up on every request from a table kept per process
(``lookup.range_table``); domains are part of a logged-in reader's kept kind
(``paywall.accounts``), which the ``accounts`` tag ends for everyone.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from masthead.core.versions import bump_now_and_on_commit
from masthead.institutions.lookup import TAG

TAGS_BY_MODEL = {
    "Institution": (TAG, "accounts"),  # its name, its being active: both roads
    "InstitutionRange": (TAG,),
    "InstitutionDomain": ("accounts",),
}


def institution_changed(sender, **kwargs) -> None:
    bump_now_and_on_commit(*TAGS_BY_MODEL[sender.__name__])


def connect() -> None:
    from masthead.institutions.models import Institution, InstitutionDomain, InstitutionRange

    for model in (Institution, InstitutionRange, InstitutionDomain):
        for signal in (post_save, post_delete):
            signal.connect(
                institution_changed, sender=model, dispatch_uid=f"institutions-{model.__name__}"
            )
