from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "masthead.mailbox"
    label = "mailbox"
    verbose_name = "Demo mailbox"
