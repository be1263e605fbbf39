"""The metering rules in the admin: one set, opened as a form under *Settings → Metering rules*.

The rules stay a snippet rather than a Wagtail setting because a snippet
keeps every save as a revision, with its history; but there is only ever one
set, so the menu opens its form instead of a list of one, and nobody (not
even a superuser) adds a second set or deletes the one.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from masthead.paywall.models import MeterSettings

NEVER = frozenset({"add", "delete"})


class OneSetPermissionPolicy(ModelPermissionPolicy):
    """Change and view as Wagtail's model permissions say; add and delete, never."""

    def user_has_permission(self, user, action):
        return action not in NEVER and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [a for a in actions if a not in NEVER]
        if not allowed:  # Wagtail's would still name the superusers
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


class RulesFormView(IndexView):
    """The listing's address opens the one set of rules' form (made on the defaults if none)."""

    def get(self, request, *args, **kwargs):
        rules = MeterSettings.objects.order_by("pk").first() or MeterSettings.objects.create()
        return redirect(self.get_edit_url(rules))


class MeterSettingsViewSet(SnippetViewSet):
    model = MeterSettings
    icon = "lock"
    menu_label = "Metering rules"
    menu_name = "metering-rules"
    add_to_settings_menu = True
    index_view_class = RulesFormView


register_permission_policy(MeterSettings, OneSetPermissionPolicy(MeterSettings))
register_snippet(MeterSettingsViewSet)
