from django.urls import path

from masthead.groups import views

app_name = "groups"

urlpatterns = [
    path("groups/invitation/<str:token>/", views.accept, name="accept"),
    path(
        "account/subscription/<int:subscription_id>/group/<slug:action>/",
        views.first_change,
        name="first_change",
    ),
    path("account/group/<int:group_id>/invite/", views.invite, name="invite"),
    path("account/group/<int:group_id>/seats/", views.seats, name="seats"),
    path("account/group/<int:group_id>/name/", views.rename, name="rename"),
    path("account/group/<int:group_id>/seat/<int:seat_id>/remove/", views.remove, name="remove"),
    path(
        "account/group/<int:group_id>/seat/<int:seat_id>/reassign/",
        views.reassign,
        name="reassign",
    ),
]
