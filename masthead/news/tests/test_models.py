from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from masthead.news.models import SectionPage
from masthead.news.tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_an_article_lives_under_its_section_at_section_slug(paper):
    article = paper["articles"]["vote"]
    assert article.section == paper["sections"]["britain"]
    assert article.url == "/britain/dockers-vote-to-strike-over-pay/"


def test_authors_keep_their_byline_order(paper):
    floods = paper["articles"]["floods"]
    assert [a.name for a in floods.authors] == ["Ines Duarte", "Tom Hollis"]


def test_a_story_is_updated_only_when_republished_later(paper):
    assert paper["articles"]["vote"].updated_at is None
    deal = paper["articles"]["deal"]
    assert deal.updated_at is not None and deal.updated_at > deal.published_at


def test_free_to_read_comes_from_the_article_or_its_section(paper):
    assert not paper["articles"]["vote"].is_free_to_read()
    assert paper["articles"]["leader"].is_free_to_read()
    flagged = make_article(paper["sections"]["britain"], free_to_read=True)
    assert flagged.is_free_to_read()


@pytest.mark.parametrize("slug", ["search", "authors", "topics", "admin", "feeds", "subscribe"])
def test_a_section_cannot_take_a_path_the_site_uses(paper, slug):
    section = paper["sections"]["britain"]
    section.slug = slug
    with pytest.raises(ValidationError) as error:
        section.clean()
    assert "slug" in error.value.message_dict


def test_an_article_only_goes_under_a_section():
    from masthead.news.models import ArticlePage, HomePage

    assert ArticlePage.parent_page_types == ["news.SectionPage"]
    assert SectionPage.parent_page_types == ["news.HomePage"]
    assert HomePage.max_count == 1


def test_backdated_publication_is_kept(paper):
    vote = paper["articles"]["vote"]
    assert timezone.now() - vote.first_published_at > timedelta(days=2)
