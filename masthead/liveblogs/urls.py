from django.urls import path

from masthead.liveblogs import views

app_name = "liveblogs"

urlpatterns = [
    path("live/<int:page_id>/after/<int:entry_id>/", views.entries_after_view, name="after"),
]
