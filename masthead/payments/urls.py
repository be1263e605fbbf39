from django.urls import path

from masthead.payments import views

app_name = "payments"

urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("payments/demo/checkout/<str:token>/", views.demo_checkout, name="demo-checkout"),
    path("payments/demo/portal/", views.demo_portal, name="demo-portal"),
]
