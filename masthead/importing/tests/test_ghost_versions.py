"""Ghost exports from versions 3 to 6 (and the older 1.x and 2.x shapes), and files that are not.

The fixtures in ``fixtures/ghost/versions/`` are written in each version's
shape (see fixtures/README.md): the same paper, as Ghost 3, 4, 5 and 6 export it.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.importing.ghost import read_export
from masthead.importing.records import Access, ExportUnreadable, MemberStatus, Status
from masthead.news.models import ArticlePage

VERSIONS = Path(__file__).parent / "fixtures" / "ghost" / "versions"


def run_import(path) -> str:
    out = io.StringIO()
    call_command("import", "ghost", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("version", [3, 4, 5, 6])
def test_each_ghost_version_imports_posts_authors_tags_members_and_old_links(client, version):
    output = run_import(VERSIONS / f"ghost-{version}.json")

    assert "stories   3 created" in output
    assert "page pg “Advertise with us”: a page, not a story" in output
    assert "created: 1 comped, 1 free, 1 paid" in output
    market = ArticlePage.objects.get(slug="why-the-fish-market-closes-early")
    assert market.live
    assert market.get_parent().specific.title == "Markets"
    assert [t.name for t in market.topics.all()] == ["Harbour"]  # "#import" is internal
    assert [a.name for a in market.authors] == ["Tomasz Rey", "Eilidh Moss"]
    assert not market.free_to_read
    assert "Traders say the early close follows the boats" in str(market.body)
    assert not ArticlePage.objects.get(slug="notes-for-next-week").live
    response = client.get("/lifeboat-crew-marks-fifty-years/")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("version", [3, 4, 5, 6])
def test_each_version_reads_bodies_access_and_the_hero(version):
    export = read_export(VERSIONS / f"ghost-{version}.json")
    stories = {s.slug: s for s in export.stories}

    lifeboat = stories["lifeboat-crew-marks-fifty-years"]
    assert lifeboat.body_html.startswith("<p>The lifeboat crew gathered")
    assert lifeboat.status == Status.LIVE and lifeboat.access == Access.FREE
    assert lifeboat.hero.path == "images/2021/04/slip.jpg"
    if version >= 4:  # Ghost 3 kept no alt text for a feature image
        assert lifeboat.hero.alt == "The lifeboat on its slip"
        assert lifeboat.hero.caption == "The slip at high water"
    assert stories["why-the-fish-market-closes-early"].access == Access.METERED


def test_a_ghost_3_member_is_paid_or_comped_as_their_stripe_subscription_says():
    members = {m.email: m for m in read_export(VERSIONS / "ghost-3.json").members}

    assert members["paid@reader.example"].status == MemberStatus.PAID
    assert members["paid@reader.example"].stripe_subscription_ids == ["sub_paid"]
    assert members["comped@reader.example"].status == MemberStatus.COMPED
    assert members["free@reader.example"].status == MemberStatus.FREE


@pytest.mark.parametrize("version", [3, 4])
def test_before_ghost_5_a_subscribed_member_chose_the_one_newsletter(version):
    members = {m.email: m for m in read_export(VERSIONS / f"ghost-{version}.json").members}

    assert members["free@reader.example"].newsletters == ["default-newsletter"]
    assert members["comped@reader.example"].newsletters == []  # subscribed: false


def test_ghost_1_and_2_pages_and_single_authors_are_read(tmp_path):
    path = tmp_path / "ghost-1.json"
    post = {"status": "published", "html": "<p>Words.</p>", "author_id": "u1", "slug": "a"}
    path.write_text(
        json.dumps(
            {
                "db": [
                    {
                        "meta": {"version": "1.25.0"},
                        "data": {
                            "posts": [
                                {**post, "id": "1", "title": "A story", "page": False},
                                {**post, "id": "2", "title": "About", "page": True, "slug": "b"},
                            ],
                            "users": [{"id": "u1", "name": "Ann Old", "slug": "ann"}],
                        },
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    export = read_export(path)

    (story,) = export.stories
    assert story.authors == ["u1"]
    assert [p.name for p in export.people] == ["Ann Old"]
    assert [(s.kind, s.title) for s in export.skipped] == [("page", "About")]


@pytest.mark.django_db
def test_a_cut_short_ghost_export_says_so_with_the_line_and_changes_nothing(tmp_path):
    text = (VERSIONS / "ghost-6.json").read_text(encoding="utf-8")
    path = tmp_path / "cut.json"
    path.write_text(text[: text.index('"members"')], encoding="utf-8")
    line = text[: text.index('"members"')].count("\n") + 1

    with pytest.raises(CommandError) as refused:
        run_import(path)

    assert f"the file ends before the export does (line {line})" in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert not ArticlePage.objects.exists()


def test_bad_utf8_in_a_ghost_export_names_its_line(tmp_path):
    text = (VERSIONS / "ghost-5.json").read_bytes()
    at = text.index(b"Traders say")
    path = tmp_path / "latin1.json"
    path.write_bytes(text[:at] + "Trädérs".encode("latin-1") + text[at + len(b"Traders") :])

    with pytest.raises(ExportUnreadable) as refused:
        read_export(path)

    line = text[:at].count(b"\n") + 1
    assert f"is not UTF-8 text (line {line}," in str(refused.value)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (
            '{"db": [\n{"meta": {},\n "data": {"posts": [}\n}]}',
            "is not a Ghost export: it is not well-formed JSON (line 3",
        ),
        (
            '<?xml version="1.0"?><rss></rss>',
            "is not a Ghost export: it is not well-formed JSON (line 1",
        ),
        ("", "is not a Ghost export: the file is empty"),
    ],
)
def test_a_file_that_is_not_a_ghost_export_says_so(tmp_path, content, says):
    path = tmp_path / "upload.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportUnreadable) as refused:
        read_export(path)
    assert says in str(refused.value)
