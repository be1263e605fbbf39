"""Author and topic pages: who wrote what, and everything on one subject."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from masthead.core.pagination import paginate
from masthead.news.models import Author, Topic
from masthead.news.selectors import articles_by_author, articles_with_topic, attach_sections


@require_safe
def author_page(request, slug: str):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    page = paginate(
        articles_by_author(author=author),
        request.GET.get("page"),
        settings.MASTHEAD_ARTICLES_PER_PAGE,
    )
    page.object_list = attach_sections(page.object_list)
    return TemplateResponse(request, "news/author_page.html", {"author": author, "articles": page})


@require_safe
def topic_page(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    page = paginate(
        articles_with_topic(topic=topic),
        request.GET.get("page"),
        settings.MASTHEAD_ARTICLES_PER_PAGE,
    )
    page.object_list = attach_sections(page.object_list)
    return TemplateResponse(request, "news/topic_page.html", {"topic": topic, "articles": page})
