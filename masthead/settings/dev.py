"""The embedded default that ``make demo`` runs: SQLite, local memory cache, DEBUG on."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("MASTHEAD_DEBUG", True)
# The development server's "Watching for file changes" once, not twice (Django's handler and ours).
LOGGING = {  # noqa: F405
    **LOGGING,  # noqa: F405
    "loggers": {**LOGGING["loggers"], "django.utils.autoreload": {"level": "WARNING"}},  # noqa: F405
}
SECRET_KEY = SECRET_KEY or "masthead-dev-only-not-secret"  # noqa: F405

# No mail leaves the demo: each message is kept in var/mail/ and read at /admin/mailbox/
# (masthead/mailbox). Given a mail server (MASTHEAD_EMAIL_HOST), it is sent there instead.
if os.environ.get("MASTHEAD_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["MASTHEAD_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("MASTHEAD_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("MASTHEAD_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("MASTHEAD_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("MASTHEAD_EMAIL_TLS", False)
else:
    EMAIL_BACKEND = os.environ.get(
        "MASTHEAD_EMAIL_BACKEND", "masthead.mailbox.backend.EmailBackend"
    )
MASTHEAD_MAILBOX_DIR = VAR_DIR / "mail"  # noqa: F405
