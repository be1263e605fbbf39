"""The newsroom: who may do what, scheduled publishing, and publish/unpublish showing at once."""

from datetime import timedelta

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from masthead.core.tests.sitemaps import sitemap_locations
from masthead.news.models import ArticlePage
from masthead.news.tests.factories import make_article

pytestmark = pytest.mark.django_db


def staff(email: str, group: str):
    user = get_user_model().objects.create_user(email=email, password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_three_newsroom_groups_exist(db):
    assert {"Writers", "Editors", "Business"} <= set(Group.objects.values_list("name", flat=True))


def test_writers_draft_but_do_not_publish_and_editors_publish(paper):
    writer, editor = staff("w@example.com", "Writers"), staff("e@example.com", "Editors")
    business = staff("b@example.com", "Business")
    article = paper["articles"]["vote"]
    assert article.permissions_for_user(writer).can_edit()
    assert not article.permissions_for_user(writer).can_publish()
    assert article.permissions_for_user(editor).can_publish()
    assert paper["sections"]["britain"].permissions_for_user(writer).can_add_subpage()
    assert not article.permissions_for_user(business).can_edit()
    for user in (writer, editor, business):
        assert user.has_perm("wagtailadmin.access_admin")


def test_a_writers_submission_waits_for_an_editors_approval(paper):
    writer, editor = staff("w@example.com", "Writers"), staff("e@example.com", "Editors")
    story = make_article(paper["sections"]["britain"], "Draft from the writer", publish=False)
    story.save_revision(user=writer)
    workflow_state = story.get_workflow().start(story, writer)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(story, writer) == []
    assert "approve" in [name for name, *_ in task.get_actions(story, editor)]
    task.on_action(task_state, editor, "approve")
    story.refresh_from_db()
    assert story.live


def test_editors_can_log_in_to_the_newsroom(client, db):
    staff("e@example.com", "Editors")
    assert client.login(email="e@example.com", password="pw-for-tests")
    assert client.get("/admin/").status_code == 200


def listed_everywhere(client, article) -> dict[str, bool]:
    section_url = article.get_parent().url
    return {
        "front": article.title in client.get("/").content.decode(),
        "section": article.title in client.get(section_url).content.decode(),
        "feed": article.title
        in [e.title for e in feedparser.parse(client.get("/feeds/").content).entries],
        "section feed": article.title in client.get(section_url + "feed/").content.decode(),
        "sitemap": f"http://testserver{article.url}"
        in sitemap_locations(lambda path: client.get(path).content),
        "news sitemap": article.title in client.get("/news-sitemap.xml").content.decode(),
        "page": client.get(article.url).status_code == 200,
    }


def test_a_scheduled_story_goes_live_through_publish_scheduled(client, paper):
    story = make_article(
        paper["sections"]["world"], "Embargoed report on the harbour", publish=False
    )
    story.go_live_at = timezone.now() + timedelta(hours=1)
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live
    assert not any(listed_everywhere(client, story).values())

    # The embargo passes; the scheduler (cron or `make publish-scheduled`) runs.
    passed = timezone.now() - timedelta(seconds=1)
    for revision in story.revisions.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = passed
        revision.content["go_live_at"] = passed.isoformat()
        revision.save()
    call_command("publish_scheduled")
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    assert all(listed_everywhere(client, story).values()), listed_everywhere(client, story)


def test_unpublishing_removes_a_story_everywhere_at_once(client, paper):
    story = paper["articles"]["deal"]
    assert all(listed_everywhere(client, story).values())
    story.unpublish()
    story = ArticlePage.objects.get(pk=story.pk)
    assert not any(listed_everywhere(client, story).values())
    assert story.title not in client.get("/search/?q=nine+days").content.decode()


def test_publishing_shows_a_story_everywhere_at_once(client, paper):
    story = make_article(paper["sections"]["britain"], "Breaking news from the quay", publish=False)
    assert not any(listed_everywhere(client, story).values())
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)
    assert all(listed_everywhere(client, story).values())
    assert "Breaking news from the quay" in client.get("/search/?q=quay").content.decode()


def test_an_editor_can_open_the_article_editor_and_the_new_story_form(client, paper):
    staff("e@example.com", "Editors")
    client.login(email="e@example.com", password="pw-for-tests")
    article, britain = paper["articles"]["vote"], paper["sections"]["britain"]
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200
    assert b"Headline" in edit.content and b"Standfirst" in edit.content
    assert client.get(f"/admin/pages/add/news/articlepage/{britain.pk}/").status_code == 200
    assert client.get("/admin/snippets/news/author/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
