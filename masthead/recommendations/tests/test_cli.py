import io
import json

import pytest

from masthead.recommendations import cli
from masthead.recommendations.cli import main, run_eval, run_similar
from masthead.recommendations.tests.corpus import archive


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "id": r.id,
                "title": r.title,
                "body": r.body,
                "date": r.date.isoformat() if r.date else None,
                "section": r.section,
                "story": r.id.split("-")[0] if "-" in r.id else None,
            }
        )
        for r in archive()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def similar(path, k=3):
    out, err = io.StringIO(), io.StringIO()
    status = run_similar(str(path), k, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_one_line_per_article_with_its_similar_ids_and_never_the_article(corpus):
    status, out, err = similar(corpus, k=2)
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and err == ""
    assert [row["id"] for row in rows] == [r.id for r in archive()]
    assert all(set(row) == {"id", "similar"} for row in rows)
    assert all(row["id"] not in row["similar"] and len(row["similar"]) <= 2 for row in rows)
    assert rows[0]["similar"][0].startswith("strike-")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "title": "Fine"}\n{"id": 2, "title": \n', "line 2: invalid JSON"),
        ('{"id": 1, "title": "Fine"}\n\n{"title": "No id"}\n', "line 3: the record has no 'id'"),
        ('{"id": 1, "body": "No headline"}\n', "line 1: the record has no 'title'"),
        ('{"id": 1, "title": "A"}\n{"id": 1, "title": "B"}\n', "line 2: duplicate id 1"),
        ("[1, 2]\n", "line 1: expected a JSON object"),
    ],
)
def test_bad_input_is_named_with_its_line_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    status, out, err = similar(path)
    assert status == 2
    assert out == ""
    assert message in err


def test_a_missing_file_is_a_clear_error(tmp_path):
    status, out, err = similar(tmp_path / "nowhere.jsonl")
    assert (status, out) == (2, "")
    assert "nowhere.jsonl: no such file" in err


def test_eval_prints_the_three_figures(corpus):
    out, err = io.StringIO(), io.StringIO()
    status = run_eval(
        str(corpus), "story", no_body=False, engine="masthead", stdout=out, stderr=err
    )
    assert status == 0
    # 8 articles in stories of 3, 3 and 2 (the loners have no label): every
    # article's story-mates come first, so nDCG is 1 and P@5 is (6*2 + 2*1) / 8 / 5.
    assert "P@5 0.3500" in out.getvalue()
    assert "nDCG@10 1.0000" in out.getvalue()
    assert "(8 queries)" in out.getvalue()


def test_eval_without_the_label_field_is_an_error(corpus):
    err = io.StringIO()
    status = run_eval(
        str(corpus), "story_id", no_body=True, engine="masthead", stdout=io.StringIO(), stderr=err
    )
    assert status == 2
    assert "no record has a 'story_id' label" in err.getvalue()


def test_the_module_entry_point_exits_with_status_2_on_bad_input(tmp_path, capsys):
    (tmp_path / "bad.jsonl").write_text("not json\n")
    assert main(["similar", "--corpus", str(tmp_path / "bad.jsonl")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "line 1" in captured.err


def test_the_embeddings_engine_without_its_extra_is_a_clear_error(corpus, monkeypatch):
    monkeypatch.setattr(cli, "embeddings_available", lambda: False)
    out, err = io.StringIO(), io.StringIO()
    status = run_eval(
        str(corpus), "story", no_body=False, engine="masthead-embeddings", stdout=out, stderr=err
    )
    assert (status, out.getvalue()) == (2, "")
    assert "pip install 'masthead[embeddings]'" in err.getvalue()
