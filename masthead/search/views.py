"""``/search/?q=``: full-text search over published articles.

Wagtail's database backend does the matching (PostgreSQL full-text search on
PostgreSQL, SQLite's FTS on the embedded default). Results show headline and
standfirst only.
"""

from datetime import datetime, time

from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from masthead.core.pagination import paginate
from masthead.news.markers import mark_live_coverage
from masthead.news.models import ArticlePage
from masthead.news.selectors import attach_sections, live_sections
from masthead.search.forms import SearchForm, search_terms

RESULTS_PER_PAGE = 10


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day_end(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


@require_safe
def search(request):
    sections = live_sections()
    form = SearchForm(request.GET or None, sections=sections)
    results = None
    query = ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        terms = search_terms(query)
        if query:
            articles = ArticlePage.objects.live().public()
            section_slug = form.cleaned_data["section"]
            if section_slug:
                section = next(s for s in sections if s.slug == section_slug)
                articles = articles.child_of(section)
            if form.cleaned_data["since"]:
                articles = articles.filter(
                    first_published_at__gte=_day_start(form.cleaned_data["since"])
                )
            if form.cleaned_data["until"]:
                articles = articles.filter(
                    first_published_at__lte=_day_end(form.cleaned_data["until"])
                )
            found = articles.search(terms) if terms else articles.none()
            results = paginate(found, request.GET.get("page"), RESULTS_PER_PAGE)
            results.object_list = mark_live_coverage(attach_sections(results.object_list, sections))
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "search/search.html",
        {"form": form, "query": query, "results": results, "querystring": params.urlencode()},
    )
