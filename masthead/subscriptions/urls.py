from django.urls import path

from masthead.subscriptions import views

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/<int:plan_id>/checkout/", views.start_checkout, name="subscribe-checkout"),
    path("subscribe/welcome/", views.welcome, name="subscribe-welcome"),
]
