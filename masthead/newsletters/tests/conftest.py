import pytest

from masthead.core.tests.live_site import SmtpInbox


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) as Django's mail server."""
    inbox = SmtpInbox().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    # One connection: other threads could not see this test's uncommitted rows.
    settings.MASTHEAD_NEWSLETTER_CONNECTIONS = 1
    yield inbox
    inbox.stop()
