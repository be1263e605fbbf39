"""The embedded default that ``make demo`` runs: SQLite, local memory cache, DEBUG on."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("MASTHEAD_DEBUG", True)
SECRET_KEY = SECRET_KEY or "masthead-dev-only-not-secret"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
