"""Appeals in the admin: the Business group creates and edits campaigns under "Appeals".

Donations are not editable here: they come from the payment provider's
confirmations only, so the figures cannot be typed in. The list shows what
each appeal has raised, summed from them.
"""

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.appeals.models import Campaign
from masthead.appeals.rules import format_pounds


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "pick"
    menu_label = "Appeals"
    menu_name = "appeals"
    add_to_admin_menu = True
    menu_order = 300
    search_fields = ["name"]
    list_display = [
        "name",
        "live",
        "starts_at",
        "ends_at",
        Column("target", label="Target", accessor=lambda c: format_pounds(c.target_pence)),
        Column("raised", label="Raised", accessor=lambda c: format_pounds(c.raised_pence)),
        Column("supporters", label="Supporters", accessor="supporters"),
    ]

    def get_queryset(self, request):
        return Campaign.objects.annotate(
            raised_pence=Coalesce(Sum("donations__amount_pence"), 0),
            supporters=Count("donations__email", distinct=True),
        ).order_by("-starts_at", "-pk")


register_snippet(CampaignViewSet)
