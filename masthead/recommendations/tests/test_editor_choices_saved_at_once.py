"""An editor pins or blocks a similar story from the article editor; readers see it at once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from wagtail.models import GroupPagePermission

from masthead.recommendations.models import SimilarChoice, SimilarList
from masthead.recommendations.services import rebuild_similar
from masthead.recommendations.tests.test_editor_choices import similar_block

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests"


def staff_client(email: str, group: Group) -> Client:
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, is_staff=True)
    user.groups.add(group)
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=email, password=PASSWORD)
    return client


def post_choice(client: Client, article, **data):
    """Post as the editor's browser does: with the CSRF token the editor page carries."""
    client.get("/admin/")
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(f"/admin/similar/{article.pk}/", data)


def titles_in_order(client: Client, article, *stories) -> list[str]:
    block = similar_block(client, article)
    found = [s for s in stories if s.title in block]
    return sorted((s.title for s in found), key=block.index)


@pytest.fixture
def editor(paper):
    return staff_client("ed@example.com", Group.objects.get(name="Editors"))


def test_a_pin_shows_first_to_the_next_reader_without_publishing(client, editor, paper):
    vote, floods, deal = (paper["articles"][k] for k in ("vote", "floods", "deal"))
    rebuild_similar()
    assert floods.title not in similar_block(client, vote)  # the reader's page is now kept
    revisions, published = vote.revisions.count(), vote.last_published_at

    response = post_choice(editor, vote, similar_choice=f"pin:{floods.pk}")

    assert response.status_code == 302 and response.url == f"/admin/pages/{vote.pk}/edit/"
    assert titles_in_order(client, vote, floods, deal)[0] == floods.title
    vote.refresh_from_db()
    assert (vote.revisions.count(), vote.last_published_at) == (revisions, published)


def test_a_story_picked_by_id_is_pinned_and_a_block_takes_it_off(client, editor, paper):
    vote, deal = paper["articles"]["vote"], paper["articles"]["deal"]
    rebuild_similar()
    post_choice(editor, vote, similar_choice="pin:", similar_story=str(deal.pk))
    assert titles_in_order(client, vote, deal)[0] == deal.title

    post_choice(editor, vote, similar_choice=f"block:{deal.pk}")

    # The block may leave the list empty, and then the page shows none.
    assert deal.title not in similar_block(client, vote, may_be_missing=True)
    assert SimilarList.objects.get(article=vote).blocked_ids == [deal.pk]
    post_choice(editor, vote, similar_choice=f"remove:{deal.pk}")
    assert deal.title in similar_block(client, vote)
    assert not SimilarChoice.objects.filter(article=vote).exists()


def test_the_editor_panel_offers_the_buttons_and_lists_the_choices(editor, paper):
    vote, deal = paper["articles"]["vote"], paper["articles"]["deal"]
    rebuild_similar()
    post_choice(editor, vote, similar_choice=f"block:{deal.pk}")
    html = editor.get(f"/admin/pages/{vote.pk}/edit/").content.decode()
    panel = html[html.index("data-similar-choices-panel") :]
    assert f'value="remove:{deal.pk}"' in panel and deal.title in panel
    assert f'formaction="/admin/similar/{vote.pk}/"' in html


def test_a_writer_who_may_not_edit_the_story_is_refused(paper):
    vote, talks = paper["articles"]["vote"], paper["articles"]["talks"]
    world_desk = Group.objects.create(name="World desk")
    world_desk.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=world_desk,
        page=paper["sections"]["world"],
        permission=Permission.objects.get(codename="change_page"),
    )
    writer = staff_client("w@example.com", world_desk)

    response = post_choice(writer, vote, similar_choice=f"pin:{talks.pk}")

    assert response.status_code == 403
    assert not SimilarChoice.objects.exists()


def test_the_buttons_need_the_csrf_token(editor, paper):
    vote, talks = paper["articles"]["vote"], paper["articles"]["talks"]
    response = editor.post(f"/admin/similar/{vote.pk}/", {"similar_choice": f"pin:{talks.pk}"})
    assert response.status_code == 403
    assert not SimilarChoice.objects.exists()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"similar_choice": "pin:", "similar_story": "talks"}, "is not a story id"),
        ({"similar_choice": "pin:999999"}, "no published story with id 999999"),
        ({"similar_choice": "draft"}, "no published story with id"),
        ({"similar_choice": "remove:999999"}, "neither pinned nor blocked"),
        ({"similar_choice": "star:1"}, "Unknown action"),
        ({"similar_choice": "self"}, "cannot be similar to itself"),
    ],
)
def test_a_bad_request_says_why_and_changes_nothing(client, editor, paper, data, error):
    vote, talks = paper["articles"]["vote"], paper["articles"]["talks"]
    rebuild_similar()
    post_choice(editor, vote, similar_choice=f"pin:{talks.pk}")
    before = similar_block(client, vote)
    if data["similar_choice"] == "draft":
        data["similar_choice"] = f"pin:{paper['draft'].pk}"
    if data["similar_choice"] == "self":
        data["similar_choice"] = f"block:{vote.pk}"

    response = post_choice(editor, vote, **data)

    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(error in m and m.startswith("Similar stories unchanged") for m in said), said
    assert list(SimilarChoice.objects.values_list("story_id", "action")) == [(talks.pk, "pin")]
    assert similar_block(client, vote) == before


def test_a_writer_who_may_edit_but_not_publish_is_refused_and_told_why(client, paper):
    vote, talks = paper["articles"]["vote"], paper["articles"]["talks"]
    rebuild_similar()
    before = similar_block(client, vote)
    writer = staff_client("writer@example.com", Group.objects.get(name="Writers"))
    assert writer.get(f"/admin/pages/{vote.pk}/edit/").status_code == 200  # may edit the story

    response = post_choice(writer, vote, similar_choice=f"pin:{talks.pk}")

    assert response.status_code == 403
    assert "an editor who can publish" in response.content.decode()
    assert not SimilarChoice.objects.exists()
    assert similar_block(client, vote) == before


def test_the_panel_shows_a_writer_the_list_without_buttons_and_says_who_may(editor, paper):
    vote, deal = paper["articles"]["vote"], paper["articles"]["deal"]
    rebuild_similar()
    post_choice(editor, vote, similar_choice=f"block:{deal.pk}")
    writer = staff_client("writer@example.com", Group.objects.get(name="Writers"))

    html = writer.get(f"/admin/pages/{vote.pk}/edit/").content.decode()

    panel = html[html.index("data-similar-stories-panel") :]
    assert "Pinning and blocking change what readers see" in panel
    assert deal.title in panel[panel.index("data-similar-choices-panel") :]
    assert f'formaction="/admin/similar/{vote.pk}/"' not in html
    assert (
        "Pinning and blocking change what readers see"
        not in editor.get(f"/admin/pages/{vote.pk}/edit/").content.decode()
    )
