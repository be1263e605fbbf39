"""Group subscriptions in the admin: the Business group sees each group, its buyer and its seats."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.groups.models import Group


class GroupViewSet(SnippetViewSet):
    model = Group
    icon = "group"
    menu_label = "Group subscriptions"
    menu_name = "group-subscriptions"
    add_to_admin_menu = True
    menu_order = 315
    search_fields = ["name"]
    list_display = ["name", "buyer", "status", "seats_paid", "seats_taken"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "created_at"]


register_snippet(GroupViewSet)
