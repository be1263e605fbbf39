from functools import wraps

from anymail import urls as anymail_urls
from django.conf import settings
from django.http import Http404
from django.urls import URLPattern, include, path

from masthead.newsletters import views


def _with_secret_only(view):
    """A provider's webhook is refused while no secret is set: anybody could fake a bounce."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not (getattr(settings, "ANYMAIL", {}) or {}).get("WEBHOOK_SECRET"):
            raise Http404("Provider webhooks are off until MASTHEAD_ANYMAIL_WEBHOOK_SECRET is set.")
        return view(request, *args, **kwargs)

    return guarded


provider_webhooks = [
    URLPattern(p.pattern, _with_secret_only(p.callback), p.default_args, p.name)
    for p in anymail_urls.urlpatterns
]

app_name = "newsletters"

urlpatterns = [
    path("newsletters/", views.newsletter_list, name="list"),
    path("newsletters/prompt/", views.prompt_signup, name="prompt"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/join/<slug:slug>/", views.join, name="join"),
    path("newsletters/leave/<slug:slug>/", views.leave, name="leave"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletters/read/<str:token>/", views.read, name="read"),
    # Bounces and complaints from a provider (django-anymail): .../anymail/<esp>/tracking/
    path("newsletters/anymail/", include((provider_webhooks, "anymail"))),
    path("newsletters/<slug:slug>/", views.archive, name="archive"),
    path("newsletters/<slug:slug>/<str:on>/", views.web_copy, name="web-copy"),
]
