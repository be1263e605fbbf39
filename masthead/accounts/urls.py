from django.urls import path

from masthead.accounts import views

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/billing/", views.billing, name="account-billing"),
    path("account/export/", views.export, name="account-export"),
    path("account/delete/", views.delete, name="account-delete"),
]
