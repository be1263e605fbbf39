"""On production settings, `masthead newsletter send` refuses a mail backend that delivers nothing.

Otherwise the edition counts as sent to every reader while it went to the
terminal or the demo's mailbox.
"""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from masthead.newsletters.models import Edition
from masthead.newsletters.tests.factories import confirmed, make_newsletter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "backend, fate",
    [
        ("django.core.mail.backends.console.EmailBackend", "prints each message to the terminal"),
        ("masthead.mailbox.backend.EmailBackend", "keeps each message in the demo's mailbox"),
        ("django.core.mail.backends.locmem.EmailBackend", "keeps each message in memory"),
    ],
)
def test_production_settings_refuse_to_send_to_nowhere(paper, settings, capsys, backend, fate):
    settings.MASTHEAD_PRODUCTION = True
    settings.EMAIL_BACKEND = backend
    world = make_newsletter("world", name="World Dispatch")
    confirmed(world, "reader@example.org")
    with pytest.raises(CommandError, match=f"Refused: .*{fate}: nothing would be delivered"):
        call_command("newsletter", "send", "world")
    assert not Edition.objects.exists()  # nothing assembled, nothing marked sent
    assert "reader@example.org" not in capsys.readouterr().out
    assert mail.outbox == []


def test_production_settings_send_through_a_mail_server(paper, settings, smtp):
    settings.MASTHEAD_PRODUCTION = True
    world = make_newsletter("world", name="World Dispatch")
    confirmed(world, "reader@example.org")
    call_command("newsletter", "send", "world")
    assert smtp.wait_for("reader@example.org")
    assert Edition.objects.get().status == Edition.Status.SENT


def test_settings_not_production_send_as_they_are_set(paper, settings):
    """The demo and the tests keep their mail on purpose (here in memory)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = make_newsletter("world", name="World Dispatch")
    confirmed(world, "reader@example.org")
    call_command("newsletter", "send", "world")
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
