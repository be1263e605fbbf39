from django.urls import include, path

from masthead.newsletters import views

app_name = "newsletters"

urlpatterns = [
    path("newsletters/", views.newsletter_list, name="list"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/join/<slug:slug>/", views.join, name="join"),
    path("newsletters/leave/<slug:slug>/", views.leave, name="leave"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletters/read/<str:token>/", views.read, name="read"),
    # Bounces and complaints from a provider (django-anymail): .../anymail/<esp>/tracking/
    path("newsletters/anymail/", include("anymail.urls")),
    path("newsletters/<slug:slug>/<str:on>/", views.web_copy, name="web-copy"),
]
