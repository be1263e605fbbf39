"""``masthead rebuild_similar``: every published story's list rebuilt, with its steps and a count."""

import io

import pytest
from django.core.management import call_command

from masthead.recommendations.models import SimilarList
from masthead.recommendations.selectors import similar_articles_for


def rebuild() -> str:
    out = io.StringIO()
    call_command("rebuild_similar", stdout=out)
    return out.getvalue()


def test_the_lists_come_back_for_every_published_story_and_the_count_is_told(paper):
    SimilarList.objects.all().delete()
    stale = paper["draft"]  # a list left behind by a story no longer published goes
    SimilarList.objects.create(article_id=stale.pk, similar_ids=[])

    output = rebuild()

    published = {article.pk for article in paper["articles"].values()}
    assert set(SimilarList.objects.values_list("article_id", flat=True)) == published
    assert paper["articles"]["deal"] in similar_articles_for(paper["articles"]["vote"])
    assert "reading the published archive" in output
    assert "comparing 5 published articles" in output
    assert "Similar stories rebuilt for 5 published stories" in output


@pytest.mark.django_db
def test_an_empty_archive_rebuilds_nothing_and_says_so():
    assert "Similar stories rebuilt for 0 published stories" in rebuild()
