"""The article editor's Pin / Block / Remove buttons under Similar stories."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.models import Page

from masthead.news.models import ArticlePage
from masthead.recommendations.choices import ChoiceError, choose, parse_story_id
from masthead.recommendations.permissions import WHO_MAY_CHOOSE, may_choose_similar


@require_POST
def similar_choice(request, page_id: int):
    """POST ``similar_choice=<action>:<id>`` (or ``<action>:`` with ``similar_story=<id>``)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ArticlePage):
        raise Http404("Only an article has similar stories.")
    if not may_choose_similar(page, request.user):
        # A plain 403: Wagtail would turn PermissionDenied into a redirect home.
        return HttpResponseForbidden(f"Similar stories unchanged. {WHO_MAY_CHOOSE}")
    action, _, story = request.POST.get("similar_choice", "").partition(":")
    try:
        story_id = parse_story_id(story or request.POST.get("similar_story", ""))
        messages.success(request, choose(page.pk, story_id, action))
    except ChoiceError as error:
        messages.error(request, f"Similar stories unchanged: {error}")
    return redirect("wagtailadmin_pages:edit", page.pk)
