from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.paywall.models import MeterSettings


class MeterSettingsViewSet(SnippetViewSet):
    model = MeterSettings
    icon = "lock"
    menu_label = "Metering rules"
    add_to_settings_menu = True
    list_display = ["__str__", "anonymous_limit", "registered_limit", "teaser_paragraphs"]


register_snippet(MeterSettingsViewSet)
