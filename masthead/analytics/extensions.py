"""What other apps add to the analytics dashboard, without the dashboard naming them.

``dashboard_sections`` holds functions ``(request) -> html``: each is called
when the dashboard is drawn and its answer (a safe string, or "" to show
nothing to this user) is placed at the end of the page, after the
dashboard's own figures. A feature registers its section in its
``AppConfig.ready()``; the dashboard never imports the feature.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from masthead.core.registry import Registry

dashboard_sections: Registry[Callable[[HttpRequest], str]] = Registry("dashboard_sections")
