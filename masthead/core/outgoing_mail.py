"""Whether mail sent now would reach anyone: a paper's real readers are not written to nowhere.

The demo keeps its mail in a mailbox and the tests keep theirs in memory, on
purpose. On production settings (``MASTHEAD_PRODUCTION``) the same backends
would let a command mark an edition sent to every reader while nobody got it,
so a command about to send mail asks here first (``refuse_undelivered_mail``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

# Email backends that deliver nothing, and what becomes of a message in each.
NOWHERE = {
    "django.core.mail.backends.console.EmailBackend": "prints each message to the terminal",
    "django.core.mail.backends.locmem.EmailBackend": "keeps each message in memory",
    "django.core.mail.backends.dummy.EmailBackend": "drops each message",
    "django.core.mail.backends.filebased.EmailBackend": "writes each message to a file",
    "masthead.mailbox.backend.EmailBackend": "keeps each message in the demo's mailbox",
}


class MailGoesNowhere(Exception):
    """Mail is about to be sent to real readers through a backend that delivers none."""


def where_mail_goes() -> str | None:
    """What the configured backend does with a message when it delivers none; else None."""
    backend = import_string(settings.EMAIL_BACKEND)
    for cls in backend.__mro__:
        fate = NOWHERE.get(f"{cls.__module__}.{cls.__qualname__}")
        if fate:
            return fate
    return None


def refuse_undelivered_mail(what: str) -> None:
    """Raise ``MailGoesNowhere``, saying why, if ``what`` would reach no real reader."""
    fate = where_mail_goes() if settings.MASTHEAD_PRODUCTION else None
    if fate:
        raise MailGoesNowhere(
            f"Refused: {what} would go to real readers ({settings.SETTINGS_MODULE}), but the "
            f"email backend {settings.EMAIL_BACKEND} {fate}: nothing would be delivered, yet "
            "it would count as sent. Point MASTHEAD_EMAIL_HOST (and MASTHEAD_EMAIL_PORT, "
            "MASTHEAD_EMAIL_USER, MASTHEAD_EMAIL_PASSWORD) at the paper's mail server and leave "
            "MASTHEAD_EMAIL_BACKEND unset, or set it to a backend that delivers."
        )
