"""Emails leave through a real SMTP conversation (aiosmtpd), in plain text and HTML."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from masthead.appeals.tests.factories import give, make_campaign


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


@pytest.mark.django_db
def test_a_donation_receipt_arrives_over_smtp_with_both_versions(
    smtp, django_capture_on_commit_callbacks
):
    campaign = make_campaign(name="The Winter Appeal")
    with django_capture_on_commit_callbacks(execute=True):
        give(campaign, 2500, email="giver@example.org", reference="pi_smtp")
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "giver@example.org"
    kinds = sorted(part.get_content_type() for part in message.walk() if not part.is_multipart())
    assert kinds == ["text/html", "text/plain"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "£25" in text and "The Winter Appeal" in text


@pytest.mark.django_db
def test_registration_email_arrives_over_smtp(client, smtp):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "new@example.org"
    kinds = sorted(part.get_content_type() for part in message.walk() if not part.is_multipart())
    assert kinds == ["text/html", "text/plain"]
    assert "/accounts/confirm-email/" in message.get_body(preferencelist=("plain",)).get_content()
