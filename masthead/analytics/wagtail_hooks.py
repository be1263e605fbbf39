"""The dashboard in the admin: its addresses, and "Analytics" in the menu for those who may."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from masthead.analytics.views import csv_view, dashboard_view, may_see_analytics, right_now_view


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_analytics(request.user)


@hooks.register("register_admin_urls")
def analytics_urls():
    return [
        path("analytics/", dashboard_view, name="analytics_dashboard"),
        path("analytics/now/", right_now_view, name="analytics_now"),
        path("analytics/csv/<slug:table>/", csv_view, name="analytics_csv"),
    ]


@hooks.register("register_admin_menu_item")
def analytics_menu_item():
    return AnalyticsMenuItem(
        "Analytics", reverse("analytics_dashboard"), icon_name="view", order=305
    )
