"""Similar stories under articles: stored lists, live pages only, constant queries.

Needs the app in INSTALLED_APPS ("masthead.recommendations").
"""

import pytest
from django.template import Context, Template

from masthead.news.tests.factories import make_article, make_section
from masthead.recommendations.models import SimilarList
from masthead.recommendations.selectors import similar_articles_for
from masthead.recommendations.services import rebuild_similar, update_for_article

pytestmark = pytest.mark.django_db


def test_a_story_lists_its_own_coverage_and_never_itself_or_a_draft(paper):
    vote = paper["articles"]["vote"]
    rebuild_similar()
    shown = similar_articles_for(vote)
    assert vote not in shown
    assert paper["draft"].pk not in [a.pk for a in shown]
    assert paper["articles"]["deal"] in shown


def test_at_most_three_are_shown_newest_first(paper):
    for n in range(3):
        make_article(
            paper["sections"]["britain"],
            f"Dockers strike over pay: day {n + 2}",
            paragraphs=["Dockers at the harbour stayed on strike over pay."],
        )
    rebuild_similar()
    shown = similar_articles_for(paper["articles"]["vote"])
    assert len(shown) == 3
    dates = [a.first_published_at for a in shown]
    assert dates == sorted(dates, reverse=True)


def test_the_article_view_reads_them_in_a_constant_number_of_queries(
    paper, django_assert_num_queries
):
    rebuild_similar()
    similar_articles_for(paper["articles"]["talks"])  # sections and page privacy, read once
    for name in ("vote", "floods"):
        article = paper["articles"][name]
        # the list (with the editor's pins and blocks), the articles with their hero
        # images, and the images' renditions
        with django_assert_num_queries(3):
            shown = similar_articles_for(article)
            [(a.section.title, a.hero_image.title) for a in shown]


def test_an_unpublished_article_is_never_shown_even_before_the_lists_are_recomputed(paper):
    rebuild_similar()
    deal = paper["articles"]["deal"]
    deal.unpublish()
    assert deal not in similar_articles_for(paper["articles"]["vote"])


def test_unpublishing_recomputes_the_lists_without_it(paper):
    rebuild_similar()
    deal = paper["articles"]["deal"]
    deal.unpublish()
    update_for_article(article_id=deal.pk)
    assert not SimilarList.objects.filter(article=deal).exists()
    assert all(deal.pk not in row.similar_ids for row in SimilarList.objects.all())


def test_publishing_queues_the_refresh_after_commit(paper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        newer = make_article(paper["sections"]["britain"], "Port strike: dockers return to work")
    assert callbacks
    assert SimilarList.objects.filter(article=newer).exists()
    assert newer in similar_articles_for(paper["articles"]["vote"], k=5)


def test_a_one_article_archive_gives_no_list_and_no_error(db):
    only = make_article(make_section("Lonely"), "The only story in the paper")
    rebuild_similar()
    assert similar_articles_for(only) == []
    html = Template("{% load similar_tags %}{% similar_stories page %}").render(
        Context({"page": only})
    )
    assert "Similar stories" not in html


def test_the_box_shows_headline_link_section_date_and_image(paper):
    rebuild_similar()
    html = Template("{% load similar_tags %}{% similar_stories page %}").render(
        Context({"page": paper["articles"]["vote"]})
    )
    deal = paper["articles"]["deal"]
    assert '<aside class="similar-stories" aria-labelledby="similar-stories-title">' in html
    assert '<h2 id="similar-stories-title"' in html and "Similar stories</h2>" in html
    assert f'<a href="{deal.url}">{deal.title}</a>' in html
    assert "<time datetime=" in html
    assert 'loading="lazy"' in html


def test_asking_for_sentence_vectors_without_the_extra_keeps_the_light_engine(
    settings, caplog, monkeypatch
):
    from masthead.recommendations import services

    settings.MASTHEAD_SIMILAR_EMBEDDINGS = True
    monkeypatch.setattr(services, "embeddings_available", lambda: False)
    assert services.engine_settings().embeddings is False
    assert "pip install 'masthead[embeddings]'" in caplog.text
    settings.MASTHEAD_SIMILAR_EMBEDDINGS = False
    monkeypatch.setattr(services, "embeddings_available", lambda: True)
    assert services.engine_settings().embeddings is False


def test_an_index_kept_by_an_older_version_is_rebuilt_not_used(paper, settings, tmp_path):
    from masthead.recommendations import services

    settings.MASTHEAD_SIMILAR_INDEX_PATH = tmp_path / "similar-index.pickle"
    original = services.INCREMENTAL_FROM
    services.INCREMENTAL_FROM = 1  # keep and use an index even for this small paper
    try:
        rebuild_similar()
        index = services._load_index()
        del index.tightness  # what an index pickled before story tightness lacks
        services._save_index(index)
        services._loaded.clear()  # a new process, reading the file
        talks = paper["articles"]["talks"]
        update_for_article(article_id=talks.pk)
        assert hasattr(services._load_index(), "tightness")
        assert SimilarList.objects.filter(article=talks).exists()
    finally:
        services.INCREMENTAL_FROM = original
        services._loaded.clear()
