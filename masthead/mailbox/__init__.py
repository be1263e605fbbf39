"""The demo's mailbox: every email the site sends, kept on disk and read in the admin.

``make demo`` has no mail server, so its settings send mail through
:class:`masthead.mailbox.backend.EmailBackend`, which writes each message to a
file under ``var/mail/`` instead; staff read them at ``/admin/mailbox/``, and
the pages that say "we have sent you an email" say where it is
(``{% demo_mailbox_note %}``). It knows nothing of what the mail is about.
"""
