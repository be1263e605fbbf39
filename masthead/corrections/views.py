"""The public record: every correction of a story anyone may read, newest first."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from masthead.core.pagination import paginate
from masthead.corrections.listing import public_corrections

PER_PAGE = 20


@require_safe
def corrections_page(request):
    page = paginate(public_corrections(), request.GET.get("page"), PER_PAGE)
    return TemplateResponse(request, "corrections/corrections_page.html", {"corrections": page})
