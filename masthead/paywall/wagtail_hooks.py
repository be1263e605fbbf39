"""The metering rules in the admin: one set, opened as a form under *Settings → Metering rules*.

The rules stay a snippet rather than a Wagtail setting because a snippet
keeps every save as a revision, with its history; but there is only ever one
set, so the menu opens its form instead of a list of one, and nobody (not
even a superuser) adds a second set or deletes the one.
"""

from django.shortcuts import redirect
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from masthead.core.admin_permissions import RefusingPermissionPolicy
from masthead.paywall.models import MeterSettings


class OneSetPermissionPolicy(RefusingPermissionPolicy):
    """Change and view as Wagtail's model permissions say; add and delete, never."""

    refused = frozenset({"add", "delete"})


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
