from django.urls import path

from masthead.appeals import views

app_name = "appeals"

urlpatterns = [
    path("support/", views.support, name="support"),
    path("support/thanks/", views.thanks, name="thanks"),
]
