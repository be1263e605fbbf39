"""Breaking news in the admin: the "Breaking news" menu item, and the record of unlocks.

Editors switch a banner on and off under *Breaking news*; the unlocks it made
are listed under *Public-interest unlocks*, where nobody can add, change or
delete one (they are made by saving a banner and ended by the banner).
"""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.breaking.models import BreakingBanner, PublicInterestUnlock
from masthead.breaking.unlocks import sync_unlocks


class BannerViewSet(SnippetViewSet):
    model = BreakingBanner
    icon = "warning"
    menu_label = "Breaking news"
    menu_name = "breaking-news"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["text", "live", "expires_at", "unlock_story", "created_at"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The record is read, never written, from the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


class UnlockViewSet(SnippetViewSet):
    model = PublicInterestUnlock
    icon = "lock-open"
    menu_label = "Public-interest unlocks"
    menu_name = "public-interest-unlocks"
    add_to_admin_menu = True
    menu_order = 251
    inspect_view_enabled = True
    list_display = [
        "story_title",
        "unlocked_by_name",
        "reason",
        "starts_at",
        Column("until", label="Until", accessor=lambda u: u.until or "Banner switched off"),
        Column("ends_at", label="Ended", accessor=lambda u: u.ends_at or "Still open"),
    ]


register_permission_policy(PublicInterestUnlock, ReadOnlyPolicy(PublicInterestUnlock))
register_snippet(BannerViewSet)
register_snippet(UnlockViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_unlock(request, instance):
    """The editor who saved the banner is the one on the record."""
    if isinstance(instance, BreakingBanner):
        sync_unlocks(instance, by=request.user)
