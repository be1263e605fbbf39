from django.urls import path

from masthead.gifts import views

urlpatterns = [
    path("gifts/new/<int:article_id>/", views.gift_new, name="gift-new"),
    path("gifts/<int:gift_id>/withdraw/", views.gift_withdraw, name="gift-revoke"),
]
