"""Institutions in the admin: the Business group edits them and sees their reads per month."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.institutions.models import Institution

REPORT_PERMISSION = "institutions.view_monthlyreads"


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = "Institutions"
    menu_name = "institutions"
    add_to_admin_menu = True
    menu_order = 320
    search_fields = ["name", "contact"]
    list_display = ["name", "active", "contact"]
    list_filter = ["active"]


register_snippet(InstitutionViewSet)


class ReadsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


def _institution_filter(request) -> int | None:
    value = request.GET.get("institution", "")
    return int(value) if value.isdigit() else None


def reads_view(request):
    """Reads per institution per month; ``?format=csv`` downloads the same rows."""
    from masthead.institutions.report import monthly_reads, write_csv

    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    chosen = _institution_filter(request)
    rows = monthly_reads(chosen)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="institution-reads.csv"'
        write_csv(rows, response)
        return response
    return TemplateResponse(
        request,
        "institutions/admin/reads.html",
        {
            "rows": rows,
            "institutions": Institution.objects.order_by("name"),
            "chosen": chosen,
        },
    )


@hooks.register("register_admin_urls")
def reads_urls():
    return [path("institutions/reads/", reads_view, name="institution_reads")]


@hooks.register("register_admin_menu_item")
def reads_menu_item():
    return ReadsMenuItem(
        "Institution reads", reverse("institution_reads"), icon_name="table", order=321
    )
