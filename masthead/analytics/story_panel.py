"""The story editor's "Readers" panel: a story's last 30 days, for those who may see analytics.

Read-only: page views, full reads, wall stops, what it converted and from
where, and a sparkline of its page views per day. A writer without
``analytics.view_analytics`` is not shown the panel at all (nor its figures).
"""

from __future__ import annotations

from wagtail.admin.panels import Panel

from masthead.analytics import charts, dashboard
from masthead.analytics.views import may_see_analytics


class StoryReadersPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "analytics/story_panel.html"

        def is_shown(self):
            user = getattr(self.request, "user", None)
            return self.instance.pk is not None and user is not None and may_see_analytics(user)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            month = dashboard.story_month(self.instance.pk)
            context["month"] = month
            context["figures"] = [
                ("Page views", f"{month['pageviews']:,}"),
                ("Read in full", f"{month['full']:,}"),
                ("Wall stops", f"{month['wall_stops']:,}"),
                ("Subscriptions", f"{month['subscriptions']:,}"),
                ("Donations", f"{month['donations']:,}"),
                ("Revenue", dashboard.money(month["revenue"])),
            ]
            context["sources"] = [
                {**row, "revenue": dashboard.money(row["revenue"])} for row in month["sources"]
            ]
            context["sparkline"] = charts.sparkline(
                month["per_day"], title="Page views per day, the last 30 days"
            )
            return context


def add_story_panel() -> None:
    from masthead.news.extensions import add_to_article_editor

    add_to_article_editor(StoryReadersPanel(heading="Readers"), after="related_links")
