"""Tests of the asks in the admin: the Business group makes them under "Tests of the asks".

Each test's results page and its "end the test" button live beside the
listing, at ``/admin/experiments/<pk>/results/`` and ``…/end/``. Editors may
look; only the Business group may make, change or end a test; no one may
delete one, since its record is the point.
"""

from django.db import IntegrityError
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from masthead.analytics.extensions import dashboard_sections
from masthead.experiments.forms import (
    FIXED_NOTE,
    MAX_VARIANTS,
    MIN_VARIANTS,
    STARTED_MEANWHILE,
    ExperimentForm,
)
from masthead.experiments.models import Experiment
from masthead.experiments.views import dashboard_section, end_view, results_view


def _results_link(experiment: Experiment) -> str:
    url = reverse("experiments_results", args=[experiment.pk])
    return format_html('<a href="{}">Results of {}</a>', url, experiment.name)


class ExperimentIndexView(IndexView):
    page_title = "Tests of the asks"
    add_item_label = "Start a test"


class ExperimentCreateView(CreateView):
    def form_valid(self, form):
        # Two tests of one ask started at the same moment both pass the form's check;
        # the database keeps one, and the other editor is told why.
        try:
            return super().form_valid(form)
        except IntegrityError:
            form.add_error(None, STARTED_MEANWHILE)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ExperimentViewSet(SnippetViewSet):
    model = Experiment
    index_view_class = ExperimentIndexView
    add_view_class = ExperimentCreateView
    icon = "success"
    menu_label = "Tests of the asks"
    menu_name = "experiments"
    add_to_admin_menu = True
    menu_order = 306
    url_prefix = "experiments"
    search_fields = ["name", "slug"]
    list_display = [
        "name",
        "ask",
        "measure",
        "status",
        "started_at",
        "winner",
        Column("results", label="Results", accessor=_results_link),
    ]
    list_filter = ["ask", "status"]
    edit_handler = ObjectList(
        [
            HelpPanel(content=f"<p>{FIXED_NOTE}</p>"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("ask"),
            FieldPanel("measure"),
            FieldPanel("holdout_share"),
            InlinePanel(
                "variants",
                label="Variant",
                heading="Variants",
                min_num=MIN_VARIANTS,
                max_num=MAX_VARIANTS,
                panels=[
                    FieldPanel("name"),
                    FieldPanel("share"),
                    FieldPanel("text"),
                    FieldPanel("button"),
                    # A test of the wall's offer only (the form refuses them for other asks).
                    FieldPanel("first_plan", heading="Plan shown first (the wall's offer)"),
                    FieldPanel("suggested_pence", heading="Suggested gift (the wall's offer)"),
                ],
            ),
        ],
        base_form_class=ExperimentForm,
    )


register_snippet(ExperimentViewSet)


@hooks.register("register_log_actions")
def experiments_log_actions(actions):
    @actions.register_action("experiments.end")
    class Ended(LogFormatter):
        label = "End the test"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"Ended the test with {data.get('winner', '?')}: {data.get('verdict', '')}"


@hooks.register("register_admin_urls")
def experiments_urls():
    return [
        path("experiments/<int:pk>/results/", results_view, name="experiments_results"),
        path("experiments/<int:pk>/end/", end_view, name="experiments_end"),
    ]


@hooks.register("insert_editor_js")
def offer_fields_js():
    """The offer's own fields show only in a test of the wall's offer (no-op on other forms)."""
    return format_html('<script src="{}"></script>', static("experiments/offer_fields.js"))


# The tests on the analytics dashboard: the dashboard asks its registry, never this app.
dashboard_sections.register(dashboard_section)
