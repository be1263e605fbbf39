"""Gift links' signals: a rules change purges kept articles; a login notes a reader's account.

The login receiver only hands the browser's meter key to the service; the
rule (which reads become the account's) is ``services.gift_reads_attribute``.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.core.versions import bump_now_and_on_commit
from masthead.gifts.models import GiftSettings
from masthead.gifts.services import gift_reads_attribute
from masthead.paywall.identity import anonymous_id_from


@receiver(post_save, sender=GiftSettings, dispatch_uid="gifts-rules-changed")
@receiver(post_delete, sender=GiftSettings, dispatch_uid="gifts-rules-deleted")
def gift_rules_changed(sender, **kwargs):
    # The "Gift this article" button and the kept rules follow the switch at once.
    bump_now_and_on_commit("rules")


@receiver(user_logged_in, dispatch_uid="gifts-reader-logged-in")
def gift_reader_logged_in(sender, request, user, **kwargs):
    browser_id = anonymous_id_from(request) if request is not None else None
    if browser_id:
        gift_reads_attribute(browser_key=f"anon:{browser_id}", user_id=user.pk)
