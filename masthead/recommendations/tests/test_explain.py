"""``similar --explain``: the reasons for each story on a list, offline."""

import io
import json
from datetime import date

import pytest

from masthead.recommendations.cli import run_similar
from masthead.recommendations.engine import SimilarityIndex
from masthead.recommendations.explain import reasons, shared_words
from masthead.recommendations.records import Record
from masthead.recommendations.tests.corpus import archive


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [
        {
            "id": r.id,
            "title": r.title,
            "body": r.body,
            "date": r.date.isoformat() if r.date else None,
            "section": r.section,
        }
        for r in archive()
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def explain(path, article=None, k=3):
    out, err = io.StringIO(), io.StringIO()
    status = run_similar(str(path), k, stdout=out, stderr=err, explain=True, article=article)
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_each_similar_story_comes_with_its_reasons(corpus):
    status, rows, err = explain(corpus, article="strike-1")
    assert status == 0 and err == ""
    assert [row["id"] for row in rows] == ["strike-1"]
    first = rows[0]["similar"][0]
    assert first["id"] in {"strike-2", "strike-3"}
    text = " | ".join(first["reasons"])
    assert "shared words:" in text and "ardmouth" in text
    assert "same story" in text
    assert "same section: Britain" in text
    assert "close in time: published" in text


def test_without_an_id_every_article_is_explained(corpus):
    status, rows, _ = explain(corpus)
    assert status == 0
    assert [row["id"] for row in rows] == [r.id for r in archive()]
    assert all(set(item) == {"id", "reasons"} for row in rows for item in row["similar"])


def test_an_unknown_id_is_named_and_nothing_is_written(corpus):
    status, rows, err = explain(corpus, article="no-such-story")
    assert status == 2 and rows == []
    assert "no article with id 'no-such-story'" in err


def test_a_subject_far_apart_in_time_is_not_called_the_same_story():
    texts = [
        ("a", "Coffee quota talks resume in London", date(2024, 1, 10)),
        ("b", "Coffee producers split over export quota", date(2024, 6, 2)),
    ]
    records = [Record(i, title, title, when, "Business") for i, title, when in texts]
    index = SimilarityIndex.build(records, k=1)
    found = reasons(index, records[0], records[1])
    kinds = [reason.kind for reason in found]
    assert kinds == ["shared words", "same section"]
    assert found[0].kind == "shared words"
    assert set(found[0].detail.split(", ")) == {"coffee", "quota"}


def test_close_in_time_is_no_reason_for_a_story_on_a_subject_spread_over_months():
    days = [(1, 10), (1, 12), (3, 20), (5, 2), (7, 15), (9, 30)]
    titles = [
        "Coffee quota talks resume in London",
        "Coffee exporters weigh a new quota",
        "Coffee growers fear a quota cut",
        "Coffee quota pact faces delay",
        "Coffee quota row deepens",
        "Coffee prices slip on quota hopes",
    ]
    records = [
        Record(i, title, f"{title}. Producers met over the export quota.", date(2024, *day))
        for i, (title, day) in enumerate(zip(titles, days, strict=True))
    ]
    index = SimilarityIndex.build(records, k=5)
    assert 1 in index.similar(0)

    weighed = [reason.kind for reason in reasons(index, records[0], records[1])]
    unweighed = [reason.kind for reason in reasons(None, records[0], records[1])]

    assert "close in time" not in weighed and "same story" not in weighed
    assert "close in time" in unweighed


def test_a_shared_pair_of_words_stands_for_its_words():
    first = Record(1, "Oil prices rise", "Crude oil prices rose as producers cut output.")
    second = Record(2, "Oil prices", "Oil prices were lifted by the output cut.")
    index = SimilarityIndex.build([first, second], k=1)
    words = shared_words(first, second, index.fitted.idfs[0], index.fitted.settings)
    assert "oil prices" in words
    assert "oil" not in words and "prices" not in words
