"""A test's results page in the admin, its "end the test" button, and its part of the dashboard.

The figures come from ``results`` alone, so the page, ``masthead experiments
report`` and the analytics dashboard show the same numbers. Looking needs
``experiments.view_experiment`` (Business and Editors); ending needs
``experiments.change_experiment`` (Business), by POST only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from masthead.appeals.selectors import running_appeal
from masthead.experiments import results
from masthead.experiments.ending import PERMISSION as END_PERMISSION
from masthead.experiments.ending import candidates, end_test
from masthead.experiments.models import HOLDOUT, Experiment

VIEW_PERMISSION = "experiments.view_experiment"
LISTING = "wagtailsnippets_experiments_experiment:list"


def may_see_tests(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_PERMISSION)


def may_end_tests(user) -> bool:
    return user.is_authenticated and user.has_perm(END_PERMISSION)


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f} %"


def percent_range(low: float, high: float) -> str:
    return f"{low * 100:.1f}–{high * 100:.1f} %"


def points(value: float) -> str:
    return f"{value * 100:+.1f}".replace("-", "−")


def p_value(value: float) -> str:
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def variant_rows(figures) -> list[dict]:
    """Each variant's figures as the page and the dashboard show them."""
    return [
        {
            "name": "Holdout (sees no ask)" if figure.name == HOLDOUT else figure.name,
            "readers": f"{figure.readers:,}",
            "exposures": f"{figure.exposures:,}",
            "conversions": f"{figure.conversions:,}",
            "rate": percent(figure.rate),
            "interval": percent_range(*figure.interval),
            "revenue": pounds(figure.revenue_pence),
        }
        for figure in figures
    ]


def difference_rows(comparison) -> list[dict]:
    if comparison is None:
        return []
    rows = []
    for name, verdict in comparison.verdicts.items():
        point, low, high = verdict.difference
        rows.append(
            {
                "pair": f"{name} against {comparison.control}",
                "difference": f"{points(point)} points",
                "interval": f"{points(low)} to {points(high)} points",
                "relative": f"{points(verdict.relative[0])} to {points(verdict.relative[1])} %",
                "p_value": p_value(verdict.p_value),
                "text": verdict.text,
            }
        )
    return rows


class ResultsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "success"
    template_name = "experiments/results.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_tests(request.user):
            raise PermissionDenied
        self.experiment = get_object_or_404(Experiment, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Results: {self.experiment.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(LISTING), "label": "Tests of the asks"},
            {"url": "", "label": self.experiment.name},
        ]

    def get_context_data(self, **kwargs):
        experiment = self.experiment
        figures = results.variant_figures(experiment)
        comparison = results.comparison(experiment, figures)
        if experiment.running:
            verdict = comparison.text if comparison else "Not enough variants to compare"
            method = comparison.method if comparison else ""
        else:
            verdict, method = experiment.verdict, experiment.method
        left = candidates(experiment, comparison) if experiment.running else []
        return super().get_context_data(
            experiment=experiment,
            variants=variant_rows(figures),
            differences=difference_rows(comparison),
            verdict=verdict,
            method=method,
            looks=[
                {
                    "day": look.day,
                    "variant": look.variant,
                    "text": look.text,
                    "p": p_value(look.p_value),
                }
                for look in experiment.looks.order_by("day", "variant")
            ],
            may_end=experiment.running and may_end_tests(self.request.user),
            decided=len(left) == 1,
            candidates=left,
            end_url=reverse("experiments_end", args=[experiment.pk]),
            **kwargs,
        )


results_view = never_cache(ResultsView.as_view())


@require_POST
def end_view(request, pk: int):
    """End the test with the winner posted; a test already ended is left as it is."""
    if not may_end_tests(request.user):
        raise PermissionDenied
    experiment = get_object_or_404(Experiment, pk=pk)
    back = redirect("experiments_results", pk=experiment.pk)
    if not experiment.running:
        messages.info(request, f"“{experiment.name}” has already ended.")
        return back
    try:
        experiment = end_test(experiment, request.POST.get("winner", ""), by_user=request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return back
    said = f"“{experiment.name}” has ended; {experiment.winner} is now the ask's copy."
    if experiment.ask == Experiment.Ask.APPEAL:
        appeal = running_appeal()
        if appeal is None:
            said = f"“{experiment.name}” has ended with {experiment.winner}; no appeal is running, "
            said += "so no appeal's words were changed."
        else:
            said += f" The summary of “{appeal.name}” now reads as {experiment.winner} did."
    messages.success(request, said)
    return back


def dashboard_section(request) -> SafeString | str:
    """The tests of the asks on the analytics dashboard, for those who may see them."""
    if not may_see_tests(request.user):
        return ""
    tests = []
    for experiment in Experiment.objects.prefetch_related("variants")[:10]:
        figures = results.variant_figures(experiment)
        comparison = results.comparison(experiment, figures)
        tests.append(
            {
                "experiment": experiment,
                "variants": variant_rows(figures),
                "verdict": (comparison.text if comparison else "")
                if experiment.running
                else experiment.verdict,
                "url": reverse("experiments_results", args=[experiment.pk]),
            }
        )
    return render_to_string(
        "experiments/dashboard_section.html",
        {"tests": tests, "listing_url": reverse(LISTING)},
        request=request,
    )
