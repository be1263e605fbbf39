from django.urls import path

from masthead.offers import views

urlpatterns = [
    path("offers/<slug:slug>/", views.offer_page, name="offer"),
]
