"""Bounces and complaints from a provider's tracking webhook (django-anymail) become suppressions.

Anymail verifies the webhook (basic auth with ``ANYMAIL["WEBHOOK_SECRET"]``,
or the provider's signature) and hands every event to its ``tracking``
signal in one shape, whichever provider sent it.
"""

from __future__ import annotations

from anymail.signals import tracking
from django.dispatch import receiver

SUPPRESSING = {"bounced": "bounced", "complained": "complained"}


@receiver(tracking, dispatch_uid="masthead.newsletters.suppress")
def suppress_on_tracking(sender, event, esp_name, **kwargs):
    from masthead.newsletters.services import suppress

    reason = SUPPRESSING.get(event.event_type)
    if reason and event.recipient:
        suppress(
            email=event.recipient,
            reason=reason,
            detail=f"{esp_name}: {event.description or event.reject_reason or ''}",
        )
