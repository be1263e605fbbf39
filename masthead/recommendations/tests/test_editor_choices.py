"""An editor pins a story to the top of a similar-stories list or blocks one."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from masthead.recommendations.models import SimilarChoice
from masthead.recommendations.selectors import similar_articles_for
from masthead.recommendations.services import rebuild_similar

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests"


def test_a_pinned_story_leads_the_list_and_survives_every_rebuild(paper):
    vote, floods = paper["articles"]["vote"], paper["articles"]["floods"]
    rebuild_similar()
    assert floods not in similar_articles_for(vote)
    SimilarChoice.objects.create(article=vote, story=floods, action=SimilarChoice.Action.PIN)
    assert similar_articles_for(vote)[0] == floods
    rebuild_similar()
    shown = similar_articles_for(vote)
    assert shown[0] == floods and len(shown) <= 3
    assert paper["articles"]["deal"] in shown


def test_a_blocked_story_is_never_shown_even_after_a_rebuild(paper):
    vote, deal = paper["articles"]["vote"], paper["articles"]["deal"]
    rebuild_similar()
    before = similar_articles_for(vote)
    assert deal in before
    SimilarChoice.objects.create(article=vote, story=deal, action=SimilarChoice.Action.BLOCK)
    rebuild_similar()
    after = similar_articles_for(vote)
    assert deal not in after
    # Only the blocked story goes: the others stay, in their order. (Whether a weak
    # neighbour of five stories makes the list at all is the engine's call, not the block's.)
    assert [story for story in after if story in before] == [s for s in before if s != deal]


def test_a_pinned_story_that_is_unpublished_is_not_shown(paper):
    vote, talks = paper["articles"]["vote"], paper["articles"]["talks"]
    SimilarChoice.objects.create(article=vote, story=talks, action=SimilarChoice.Action.PIN)
    talks.unpublish()
    assert talks not in similar_articles_for(vote)


def test_removing_a_pin_takes_it_off_the_page(paper):
    vote, floods = paper["articles"]["vote"], paper["articles"]["floods"]
    rebuild_similar()
    choice = SimilarChoice.objects.create(article=vote, story=floods)
    assert similar_articles_for(vote)[0] == floods
    choice.delete()
    assert floods not in similar_articles_for(vote)


def test_a_story_cannot_be_pinned_under_itself(paper):
    vote = paper["articles"]["vote"]
    with pytest.raises(ValidationError, match="cannot be similar to itself"):
        SimilarChoice(article=vote, story=vote).full_clean()


def similar_block(client, article, *, may_be_missing: bool = False) -> str:
    html = client.get(article.url).content.decode()
    marker = html.find('class="similar-stories"')
    if marker == -1 and may_be_missing:
        return ""
    assert marker != -1, "the page has no similar-stories block"
    return html[marker:]


def test_the_editor_sees_the_current_list_with_a_reason_for_each(client, paper):
    vote, deal = paper["articles"]["vote"], paper["articles"]["deal"]
    rebuild_similar()
    editor = get_user_model().objects.create_user(
        email="ed@example.com", password=PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    assert client.login(email=editor.email, password=PASSWORD)
    html = client.get(f"/admin/pages/{vote.pk}/edit/").content.decode()
    panel = html[html.index("data-similar-stories-panel") :]
    assert deal.title in panel
    assert "shared words:" in panel and "strike" in panel
    assert "same section: Britain" in panel
    assert "Similar stories: pinned or blocked" in html
