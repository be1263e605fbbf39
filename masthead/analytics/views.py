"""The editors' dashboard in the admin: the page, each table as a CSV file, and "right now".

Every view asks for ``analytics.view_analytics`` (Editors, Business and the
superusers have it) before it reads a figure; Wagtail's admin already sends
anyone who may not use the admin to its login page.
"""

from __future__ import annotations

import csv
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from masthead.analytics import charts, dashboard, report
from masthead.analytics.extensions import dashboard_sections

PERMISSION = "analytics.view_analytics"
NOW_SECONDS = 30  # how often the page asks for "right now" again
ROWS_SHOWN = 25  # a table's rows on the page; its CSV file has them all


def may_see_analytics(user) -> bool:
    return user.is_authenticated and user.has_perm(PERMISSION)


def _refuse_unless_allowed(request) -> None:
    if not may_see_analytics(request.user):
        raise PermissionDenied


def _short_day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%-d %b}"


def displayed(table: dashboard.Table, limit: int | None = ROWS_SHOWN) -> dashboard.Table:
    """Each row's cells as the page shows them (the first ``limit``): pounds, thousands, links."""
    rows = []
    for row in table.rows[:limit]:
        cells = []
        for key, _ in table.columns:
            value = row.get(key, "")
            cell = {"text": str(value), "numeric": isinstance(value, (int, float))}
            if key == "revenue":
                cell["text"] = dashboard.money(value)
            elif isinstance(value, int):
                cell["text"] = f"{value:,}"
            if key == "title" and row.get("path"):
                cell["href"] = row["path"]
                if row.get("page_id"):
                    cell["edit"] = reverse("wagtailadmin_pages:edit", args=[row["page_id"]])
            cells.append(cell)
        rows.append(cells)
    table.display = rows
    table.numeric = {
        key
        for key, _ in table.columns
        if any(isinstance(row.get(key), (int, float)) for row in table.rows)
    }
    return table


def headline_figures(span: dashboard.Range) -> list[tuple[str, str, str]]:
    figures = dashboard.headline(span)
    return [
        ("pageviews", "Page views", f"{figures['pageviews']:,}"),
        ("readers", "Readers", f"{figures['readers']:,}"),
        ("wall-stops", "Wall stops", f"{figures['wall_stops']:,}"),
        ("conversion-rate", "Conversion at the wall", f"{figures['conversion_rate']:.1%}"),
        ("subscriptions", "Subscriptions", f"{figures['subscriptions']:,}"),
        ("donations", "Donations", f"{figures['donations']:,}"),
        ("revenue", "Revenue", dashboard.money(figures["revenue"])),
        ("signups", "Newsletter sign-ups", f"{figures['signups']:,}"),
    ]


def views_chart(table: dashboard.Table, span: dashboard.Range):
    if span.one_day:
        values = [row["pageviews"] for row in table.rows]
        labels = [row["hour"] for row in table.rows]
        return charts.column_chart(values, labels, title=f"Page views by hour, {span.label}")
    labels = [_short_day(row["day"]) for row in table.rows]
    return charts.line_chart(
        [
            ("Page views", [row["pageviews"] for row in table.rows]),
            ("Readers", [row["readers"] for row in table.rows]),
        ],
        labels,
        title=f"Page views and readers by day, {span.label}",
    )


def bars(table: dashboard.Table, key: str, title: str):
    return charts.bar_chart(
        [row["pageviews"] for row in table.rows],
        [str(row[key]) for row in table.rows],
        title=title,
    )


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Analytics"
    header_icon = "view"
    template_name = "analytics/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        _refuse_unless_allowed(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_page_subtitle(self):
        return self.span.label

    def get_context_data(self, **kwargs):
        span = self.span = dashboard.range_from(self.request.GET)
        tables = {
            # The chart's numbers are all there: a day for each point of the line.
            name: displayed(build(span), limit=None if name == "views" else ROWS_SHOWN)
            for name, build in dashboard.TABLES.items()
        }
        csv_query = span.query
        for table in tables.values():
            table.csv_url = reverse("analytics_csv", args=[table.name]) + "?" + csv_query
        now = report.right_now()
        return super().get_context_data(
            span=span,
            presets=dashboard.PRESETS,
            figures=headline_figures(span),
            tables=tables,
            views_chart=views_chart(tables["views"], span),
            devices_chart=bars(tables["devices"], "device", f"Page views by device, {span.label}"),
            kinds_chart=bars(tables["kinds"], "kind", f"Page views by reader, {span.label}"),
            now=now,
            now_seconds=NOW_SECONDS,
            missing_seconds=report.missing_seconds(),
            # What other apps add at the end of the page (extensions.dashboard_sections).
            sections=[section(self.request) for section in dashboard_sections],
            **kwargs,
        )


dashboard_view = never_cache(DashboardView.as_view())


@never_cache
def right_now_view(request):
    """The "right now" panel alone, for the page to fetch again every half minute."""
    _refuse_unless_allowed(request)
    table = displayed(dashboard.now_table())
    table.csv_url = reverse("analytics_csv", args=["now"])
    return TemplateResponse(
        request, "analytics/right_now.html", {"now": report.right_now(), "table": table}
    )


def _cell(value, key: str) -> str:
    if isinstance(value, float) and key == "revenue":
        return f"{value:.2f}"
    text = str(value)
    # A title a spreadsheet would take for a formula is kept as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@never_cache
def csv_view(request, table: str):
    """One of the page's tables, with the columns the page shows, for the range asked."""
    _refuse_unless_allowed(request)
    build = dashboard.TABLES.get(table)
    if build is None:
        raise Http404("No such table.")
    span = dashboard.range_from(request.GET)
    found = build(span)
    name = f"analytics-{table}-{span.start.isoformat()}"
    if not span.one_day:
        name += f"-to-{span.end.isoformat()}"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow([heading for _, heading in found.columns])
    for row in found.rows:
        writer.writerow(
            [_cell(row.get(key, ""), key) for key, _ in found.columns],
        )
    return response
