"""Wagtail's page privacy on the paper's pages: the editor's dialog works, and readers feel it.

The pages answer ``get_view_restrictions`` from the kept restricted paths
(``news.selectors.restricted_paths``), so serving a page asks no query about
its privacy; the answer is still Wagtail's, a QuerySet the admin can order.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

HIT = "X-Masthead-Cache"
STORY_TEXT = b"with words to read"  # in every paragraph of a factory story


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_user(
        email="editor@example.com", password="pw-for-tests", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def privacy_url(page) -> str:
    return reverse("wagtailadmin_pages:set_privacy", args=(page.pk,))


def set_privacy(client, page, **form) -> None:
    opened = client.get(privacy_url(page))
    assert opened.status_code == 200 and opened.json()["step"] == "set_privacy"
    done = client.post(privacy_url(page), {"groups": [], **form})
    assert done.status_code == 200 and done.json()["step"] == "set_privacy_done"


def kept_for_readers(url: str) -> None:
    for _ in range(2):  # the first visit teaches the cache the path, the second fills it
        Client().get(url)
    assert Client().get(url)[HIT] == "hit"


def test_an_unrestricted_pages_privacy_costs_no_query(paper, django_assert_num_queries):
    story = paper["articles"]["deal"]
    story.get_view_restrictions()  # the restricted paths are read once per change
    with django_assert_num_queries(0):
        restrictions = story.get_view_restrictions()
        assert not restrictions and list(restrictions) == [] and not restrictions.exists()


def test_a_restricted_pages_privacy_is_answered_without_a_query(paper, django_assert_num_queries):
    story = paper["articles"]["deal"]
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.LOGIN
    )
    story.get_view_restrictions()
    with django_assert_num_queries(0):
        restrictions = story.get_view_restrictions()
        assert restrictions and list(restrictions) == [restriction] and restrictions.exists()
    assert list(restrictions.order_by("-page__depth")) == [restriction]


def test_logged_in_only_set_in_the_dialog_sends_readers_to_sign_in(paper, editor_client):
    story = paper["articles"]["deal"]
    kept_for_readers(story.url)

    set_privacy(editor_client, story, restriction_type="login")

    reader = Client()
    response = reader.get(story.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")  # the site's own log-in
    assert reader.get(response["Location"]).status_code == 200
    reopened = editor_client.get(privacy_url(story)).json()["html"]
    assert re.search(r'value="login"[^>]* checked', reopened)  # the dialog shows what is set


def test_a_password_set_in_the_dialog_asks_readers_for_it(paper, editor_client):
    story = paper["articles"]["deal"]
    kept_for_readers(story.url)

    set_privacy(editor_client, story, restriction_type="password", password="harbour-lights")

    response = Client().get(story.url)
    assert response.status_code == 200 and HIT not in response
    assert b'type="password"' in response.content
    assert STORY_TEXT not in response.content


def test_a_section_made_private_closes_its_stories_and_public_again_opens_them(
    paper, editor_client
):
    section, story = paper["sections"]["britain"], paper["articles"]["deal"]
    kept_for_readers(story.url)

    set_privacy(editor_client, section, restriction_type="login")
    assert Client().get(story.url).status_code == 302
    inherited = editor_client.get(privacy_url(story))
    assert inherited.status_code == 200
    assert "Privacy is inherited from the ancestor page" in inherited.json()["html"]

    set_privacy(editor_client, section, restriction_type="none")
    assert STORY_TEXT in Client().get(story.url).content


def test_writers_may_not_use_the_dialog(paper, client):
    writer = get_user_model().objects.create_user(
        email="writer@example.com", password="pw-for-tests", is_staff=True
    )
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    story = paper["articles"]["deal"]
    assert client.get(privacy_url(story)).status_code == 302  # Wagtail's "permission denied"
    client.post(privacy_url(story), {"restriction_type": "login", "groups": []})
    assert not PageViewRestriction.objects.exists()
