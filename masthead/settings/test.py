"""Settings for the test suite: fast hashing, no real mail, media in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "masthead-tests-only"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="masthead-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"masthead-test-{os.getpid()}"  # noqa: F405
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="masthead-test-static-"))
if REDIS_URL:  # noqa: F405
    # Every run meters into keys of its own, removed when the run ends (masthead/conftest.py).
    MASTHEAD_METER_STORE["OPTIONS"]["prefix"] = f"masthead-test-{os.getpid()}-meter"  # noqa: F405

# Each run keeps its page versions and kept pages to itself.
_EDGE_DIR = Path(tempfile.mkdtemp(prefix="masthead-test-var-"))
MASTHEAD_EDGE = {
    **MASTHEAD_EDGE,  # noqa: F405
    "prefix": f"masthead-test-{os.getpid()}-edge",
    "versions_dir": _EDGE_DIR / "page-versions",
    "pages_dir": _EDGE_DIR / "pages",
    # A change shows at once, as the tests expect; the tests of stale while revalidate
    # give seconds, and render "inline": the stale copy first, then the render, in turn.
    "stale_seconds": 0,
    "revalidate": "inline",
}

# Read counts are written when a test says so, never in the middle of another test's queries.
MASTHEAD_READERSHIP = {**MASTHEAD_READERSHIP, "background": False, "flush_reads": 10**9}  # noqa: F405

# Similar stories and renditions are made at once, inside the request that set them off;
# the tests of the background queue itself switch it to the database backend.
TASKS = {
    **TASKS,  # noqa: F405
    "background": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["background"],
    },
}

# No test meets a rate limit by accident: a shared Redis counts the whole run from
# one address. The tests of the limits put the configured ones back
# (masthead/paywall/tests/test_attack_rate_limits.py); log-ins stay limited as configured.
MASTHEAD_RATE_LIMITS = {}
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,  # noqa: F405
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "request_login_code": "20/m/ip,3/m/key",
}
