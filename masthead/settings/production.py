"""Production: DEBUG off, hardening on, secrets required from the environment.

A missing ``MASTHEAD_SECRET_KEY`` stops start-up with a KeyError on purpose.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
MASTHEAD_PRODUCTION = True
SECRET_KEY = os.environ["MASTHEAD_SECRET_KEY"]

STORAGES["staticfiles"] = {  # noqa: F405
    # WhiteNoise's CompressedManifestStaticFilesStorage, each address worked out once.
    "BACKEND": "masthead.core.staticfiles.KeptAddressesStaticFilesStorage"
}
WHITENOISE_MAX_AGE = 31536000

# Behind TLS (the normal case) cookies are Secure and HTTP is redirected.
# MASTHEAD_HTTPS=0 is for a loopback trial such as ``make serve``.
HTTPS = env_bool("MASTHEAD_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("MASTHEAD_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("MASTHEAD_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The demo provider records payments that never happened: never in production,
# unless someone runs a loopback trial and says so (`make serve` does).
if MASTHEAD_PAYMENT_PROVIDER == "demo" and not env_bool("MASTHEAD_ALLOW_DEMO_PAYMENTS", False):  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs Stripe: set MASTHEAD_STRIPE_SECRET_KEY and "
        "MASTHEAD_STRIPE_WEBHOOK_SECRET (or MASTHEAD_ALLOW_DEMO_PAYMENTS=1 for a local "
        "trial in which no money moves)."
    )
if MASTHEAD_PAYMENT_PROVIDER == "stripe" and not MASTHEAD_STRIPE_WEBHOOK_SECRET:  # noqa: F405
    raise ImproperlyConfigured("MASTHEAD_STRIPE_WEBHOOK_SECRET is required with Stripe.")

EMAIL_BACKEND = os.environ.get(
    "MASTHEAD_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("MASTHEAD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("MASTHEAD_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("MASTHEAD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MASTHEAD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MASTHEAD_EMAIL_TLS", False)
