"""``masthead seed``: a large synthetic paper that Wagtail and readers treat as real."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from masthead.news.models import ArticlePage, SectionPage
from masthead.recommendations.models import SimilarList
from masthead.recommendations.seeding import SECTION_NAMES


def test_seeded_articles_are_live_pages_with_pictures_and_similar_stories(paper, client):
    before = ArticlePage.objects.live().count()
    call_command("seed", articles=120, stdout=open("/dev/null", "w"))
    seeded = (
        ArticlePage.objects.live()
        .filter(slug__contains="-")
        .exclude(pk__in=[a.pk for a in paper["articles"].values()])
    )
    assert ArticlePage.objects.live().count() == before + 120
    # Twelve sections, the paper's own Britain and World among them.
    assert set(SECTION_NAMES) <= set(SectionPage.objects.values_list("title", flat=True))
    assert {a.get_parent().pk for a in seeded} >= {paper["sections"]["britain"].pk}
    # The tree is sound: Wagtail finds no bad paths, depths or child counts.
    bad_alpha, bad_path, orphans, bad_depth, bad_numchild = Page.find_problems()
    assert not (bad_alpha or bad_path or orphans or bad_depth or bad_numchild)
    article = seeded.order_by("pk").last()
    assert article.hero_image_id is not None
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title.encode() in response.content
    assert SimilarList.objects.filter(article=article).exists()
    assert client.get(article.get_parent().url).status_code == 200


def test_seed_refuses_nonsense(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed", articles=0)
