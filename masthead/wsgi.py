"""WSGI entry point for the app server (``masthead.wsgi:application``: granian, gunicorn…).

Once the application is loaded, what it loaded (Django, Wagtail, every
module and its objects) is frozen out of the garbage collector's sight: it
lives as long as the worker, and a full collection would otherwise walk all
of it, a pause of a few hundred milliseconds under load, to free nothing.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")

application = get_wsgi_application()
# The URL patterns are loaded on the first request; load them now, so they are frozen too.
_ = get_resolver().url_patterns
gc.freeze()
