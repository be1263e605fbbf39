from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from masthead.recommendations import engine
from masthead.recommendations.engine import EngineSettings, SimilarityIndex, similar_lists
from masthead.recommendations.records import Record
from masthead.recommendations.tests.corpus import STORIES, archive, story_of


def test_each_article_lists_its_own_story_first():
    lists = similar_lists(archive(), k=5)
    for story in STORIES.values():
        for record in story:
            others = len(story) - 1
            top = lists[record.id][:others]
            assert [story_of(i) for i in top] == [story_of(record.id)] * others, record.id


def test_an_article_is_never_its_own_neighbour():
    lists = similar_lists(archive(), k=20)
    assert all(article_id not in similar for article_id, similar in lists.items())


def test_lists_are_no_longer_than_asked():
    lists = similar_lists(archive(), k=2)
    assert all(len(similar) <= 2 for similar in lists.values())
    assert len(lists["strike-1"]) == 2


def test_an_unrelated_article_is_not_listed_at_all():
    lists = similar_lists(archive(), k=10)
    assert "recipe" not in lists["strike-1"]
    assert lists["recipe"] == []


def test_a_single_article_archive_gives_an_empty_list():
    assert similar_lists([STORIES["strike"][0]], k=3) == {"strike-1": []}


def test_a_two_article_archive_lists_the_other_when_related():
    lists = similar_lists(STORIES["final"], k=3)
    assert lists == {"final-1": ["final-2"], "final-2": ["final-1"]}


def test_an_empty_archive_gives_no_lists():
    assert similar_lists([], k=3) == {}


def test_headlines_alone_still_find_the_story():
    headlines = [replace(r, body="") for r in archive()]
    lists = similar_lists(headlines, k=3)
    assert story_of(lists["strike-2"][0]) == "strike"


def test_articles_of_only_stop_words_or_symbols_do_not_break_the_engine():
    records = [Record(1, "The and of", ""), Record(2, "!!!", ""), Record(3, "Of the", "")]
    lists = similar_lists(records, k=3)
    assert set(lists) == {1, 2, 3}
    assert all(article_id not in similar for article_id, similar in lists.items())


def test_the_closer_date_wins_between_equally_similar_articles():
    text = "Volcano erupts on the island of Sarn, villages evacuated"
    records = [
        Record("q", text, "", date(2020, 5, 1)),
        Record("same-week", text, "", date(2020, 5, 3)),
        Record("years-later", text, "", date(2024, 5, 3)),
    ]
    assert similar_lists(records, k=2)["q"] == ["same-week", "years-later"]


def test_dates_count_for_a_developing_story_and_not_for_a_subject():
    story = [("Sarn volcano erupts", 1), ("Sarn volcano ash grounds flights", 2)]
    story += [("Sarn volcano villages evacuated", 3), ("Sarn volcano eruption eases", 5)]
    subject = [("Coffee quota talks resume", 10), ("Coffee quota row deepens", 80)]
    subject += [("Coffee quota pact delayed", 150), ("Coffee quota hopes lift prices", 230)]
    records = [
        Record(title, title, f"{title} again.", date(2020, 1, 1) + timedelta(days=day))
        for title, day in story + subject
    ]
    index = SimilarityIndex.build(records, k=3)
    tightness = dict(zip(index.ids, index.tightness, strict=True))
    assert all(tightness[title] > 0.5 for title, _ in story)
    assert all(tightness[title] == 0 for title, _ in subject)


def _story_and_subject(dated=True):
    """A six-day story, a subject spread over ten months, and other news around them."""
    story = [
        f"Sarn volcano {w} erupts" for w in ("again", "ash", "lava", "villages", "flights", "eases")
    ]
    subject = [
        "Coffee quota talks resume in London as frost hits Brazil",
        "Coffee exporters split over quota as prices slide",
        "Colombia backs coffee quota plan, Brazil holds out",
        "Coffee prices lift on hopes of quota pact",
        "Coffee quota talks fail, roasters stock up",
        "African growers seek bigger coffee quota share",
        "Coffee quota pact delayed by Indonesian objection",
        "Coffee futures fall as quota hopes fade",
    ]
    days = list(range(6)) + [40 * n for n in range(8)]
    words = [f"{a}{b}" for a in ("mar", "tel", "vos", "kin", "dor", "pal") for b in "aeiou"]
    rng = np.random.default_rng(0)
    others = [" ".join(rng.choice(words, 6)) for _ in range(50)]
    titled = list(zip(story + subject, days, strict=True))
    titled += [(f"{text} {n}", int(rng.integers(0, 320))) for n, text in enumerate(others)]
    start = date(2020, 1, 1)
    return [
        Record(title, title, f"{title} again.", start + timedelta(days=day) if dated else None)
        for title, day in titled
    ]


def test_an_article_on_a_subject_is_described_by_more_of_its_neighbours_than_a_story_is():
    records = _story_and_subject()
    wide = SimilarityIndex.build(records, k=5)
    narrow = SimilarityIndex.build(
        records, k=5, settings=EngineSettings(loose_neighbourhood_size=3)
    )
    moved = 1 - np.sum(wide.latent * narrow.latent, axis=1) / np.sum(wide.latent**2, axis=1)
    story, subject = moved[:6], moved[6:14]
    assert np.all(story == 0)  # a tight story: its 3 closest, as before
    assert (subject > 1e-6).all()  # a subject: its whole related neighbourhood


def test_an_undated_archive_keeps_the_small_neighbourhood():
    records = _story_and_subject(dated=False)
    wide = SimilarityIndex.build(records, k=5)
    narrow = SimilarityIndex.build(
        records, k=5, settings=EngineSettings(loose_neighbourhood_size=3)
    )
    assert np.allclose(wide.latent, narrow.latent)


@pytest.fixture
def index():
    records = [r for r in archive() if r.id != "strike-3"]
    return SimilarityIndex.build(records, k=3)


def test_a_newly_published_article_gets_a_list_and_joins_its_storys_lists(index):
    changed = index.add(STORIES["strike"][2])
    assert set(index.similar("strike-3")[:2]) == {"strike-1", "strike-2"}
    assert "strike-3" in index.similar("strike-1")
    assert "strike-3" in index.similar("strike-2")
    assert {"strike-3", "strike-1", "strike-2"} <= set(changed)
    assert "strike-3" not in index.similar("recipe")


def test_an_unpublished_article_leaves_every_list(index):
    changed = index.remove("strike-2")
    assert "strike-1" in changed
    assert all("strike-2" not in similar for _, similar in index.all_similar())
    assert "strike-2" not in dict(index.all_similar())


class FakeEncoder:
    """Sentence vectors that know "walkout" and "strike" mean the same; words alone do not."""

    def encode(self, records):
        vectors = []
        for record in records:
            text = f"{record.title} {record.body}".lower()
            vectors.append(
                [
                    float("walkout" in text or "strike" in text),
                    float("flood" in text),
                    float("recipe" in text or "sourdough" in text),
                    0.1,
                ]
            )
        vectors = np.array(vectors, np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_sentence_vectors_bring_together_what_shares_no_word(monkeypatch):
    monkeypatch.setattr(engine, "sentence_encoder", FakeEncoder)
    records = archive() + [Record("walkout", "Kelbridge walkout", "", date(2024, 3, 5))]
    plain = similar_lists(records, k=3)
    with_vectors = similar_lists(records, k=3, settings=EngineSettings(embeddings=True))
    assert story_of(with_vectors["walkout"][0]) == "strike"
    assert with_vectors["walkout"] != plain["walkout"]
    assert "walkout" not in with_vectors["recipe"]


def test_a_new_article_is_encoded_with_the_sentence_vectors_too(monkeypatch):
    monkeypatch.setattr(engine, "sentence_encoder", FakeEncoder)
    index = SimilarityIndex.build(archive(), k=3, settings=EngineSettings(embeddings=True))
    index.add(Record("walkout", "Kelbridge walkout", "", date(2024, 3, 5)))
    assert story_of(index.similar("walkout")[0]) == "strike"
