"""A story's body is checked when its draft is saved, not only when it is submitted or published.

Wagtail lets a draft be saved with required fields left empty and checks them
at *Submit* or *Publish*; a story's body is the exception: a draft saved with no
text, or with a paragraph left empty, is refused with the error beside the body.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from masthead.news.models import ArticlePage

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests"


@pytest.fixture
def writer(client):
    user = get_user_model().objects.create_user(
        email="w@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Writers"))
    assert client.login(email="w@example.com", password=PASSWORD)
    return user


def edit_form(client, story) -> tuple[str, dict]:
    url = f"/admin/pages/{story.pk}/edit/"
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    return url, {k: v for k, v in form.items() if not k.startswith("body-")}


def body_error(response) -> str:
    """The error the body's editor is given, which it shows beside the field (and its block)."""
    soup = BeautifulSoup(response.content, "html.parser")
    body = soup.select_one('[data-contentpath="body"] div#body[data-w-block-arguments-value]')
    value, error = json.loads(body["data-w-block-arguments-value"])
    return json.dumps(error)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param([], id="no text at all"),
        # What the editor (Draftail) sends for a paragraph block with nothing typed in it.
        pytest.param([("paragraph", "null")], id="a paragraph left empty"),
    ],
)
def test_a_draft_with_an_empty_body_is_refused_with_the_error_beside_the_body(
    client, paper, writer, body
):
    story = paper["draft"]
    kept = [str(block.value) for block in story.body]
    url, form = edit_form(client, story)
    form.update(nested_form_data({"body": streamfield(body)}))

    response = client.post(url, form)  # "Save draft"

    assert response.status_code == 200
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert "This field is required." in body_error(response)
    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert [str(block.value) for block in saved.body] == kept  # nothing was saved


def test_a_draft_with_its_text_saves_with_other_fields_still_empty(client, paper, writer):
    story = paper["draft"]
    url, form = edit_form(client, story)
    form["standfirst"] = ""  # still checked only at Submit and Publish
    form.update(
        nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Words.</p>"))])})
    )
    response = client.post(url, form)
    assert response.status_code == 302
    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert saved.standfirst == "" and "Words." in str(saved.body)
