"""The mailbox's place in the admin: its pages, and a menu item for staff when it is in use."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from masthead.mailbox import store, views


class MailboxMenuItem(MenuItem):
    def is_shown(self, request):
        return store.in_use() and request.user.is_staff


@hooks.register("register_admin_urls")
def mailbox_urls():
    return [
        path("mailbox/", views.mailbox_index, name="mailbox_index"),
        path("mailbox/<str:message_id>/", views.mailbox_message, name="mailbox_message"),
        path("mailbox/<str:message_id>/raw/", views.mailbox_raw, name="mailbox_raw"),
    ]


@hooks.register("register_admin_menu_item")
def mailbox_menu_item():
    return MailboxMenuItem("Mailbox", reverse("mailbox_index"), icon_name="mail", order=900)
