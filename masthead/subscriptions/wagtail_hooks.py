from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from masthead.core.admin_permissions import RefusingPermissionPolicy
from masthead.subscriptions.models import Plan, WallOffer


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "tag"
    menu_label = "Plans"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "price", "interval", "active"]


register_snippet(PlanViewSet)


class OneOfferPermissionPolicy(RefusingPermissionPolicy):
    """The wall's offer is one set: changed and viewed, never added or deleted."""

    refused = frozenset({"add", "delete"})


class WallOfferFormView(IndexView):
    """The listing's address opens the one offer's form (made empty if none yet)."""

    def get(self, request, *args, **kwargs):
        from masthead.subscriptions.wall_offer import the_wall_offer

        return redirect(self.get_edit_url(the_wall_offer()))


class WallOfferViewSet(SnippetViewSet):
    model = WallOffer
    icon = "doc-full"
    menu_label = "The wall's offer"
    menu_name = "wall-offer"
    add_to_settings_menu = True
    index_view_class = WallOfferFormView


register_permission_policy(WallOffer, OneOfferPermissionPolicy(WallOffer))
register_snippet(WallOfferViewSet)

REVENUE_PERMISSION = "subscriptions.view_plan"


class RevenueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVENUE_PERMISSION)


def revenue_view(request):
    """The Business group's figures (anyone who may see the plans)."""
    from masthead.subscriptions.revenue import revenue_figures

    if not request.user.has_perm(REVENUE_PERMISSION):
        raise PermissionDenied
    return TemplateResponse(
        request, "subscriptions/admin/revenue.html", {"figures": revenue_figures()}
    )


@hooks.register("register_admin_urls")
def revenue_urls():
    return [path("revenue/", revenue_view, name="masthead_revenue")]


@hooks.register("register_admin_menu_item")
def revenue_menu_item():
    return RevenueMenuItem("Revenue", reverse("masthead_revenue"), icon_name="table", order=310)
