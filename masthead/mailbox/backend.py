"""An email backend that keeps every message in the mailbox instead of sending it."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend

from masthead.mailbox import store


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        kept = 0
        for message in email_messages:
            if not message.recipients():
                continue
            mime = message.message()
            if message.bcc:  # not in the headers of what is sent; the mailbox shows it
                mime["Bcc"] = ", ".join(message.bcc)
            store.keep(mime.as_bytes())
            kept += 1
        if kept:
            store.prune()
        return kept
