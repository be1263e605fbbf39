from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.news.dashboard import add_write_a_story
from masthead.news.models import Author, Topic


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "role", "slug"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)
register_snippet(TopicViewSet)
hooks.register("construct_homepage_panels", add_write_a_story)
