"""Reading Ghost exports: a real one made by Ghost itself, and hand-made edge cases beside it.

``export.json`` was written by Ghost 5's own exporter (``tools/exports/ghost/make_export.sh``).
No database: the parser turns a file into records and nothing else.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from masthead.importing.ghost import content_path, read_export
from masthead.importing.ghost_render import render_lexical
from masthead.importing.records import ExportUnreadable

FIXTURES = Path(__file__).parent / "fixtures" / "ghost"


@pytest.fixture(scope="module")
def edge():
    return read_export(FIXTURES / "edge-cases.json")


def test_a_mobiledoc_only_post_is_rendered_to_html(edge):
    [story] = edge.stories
    assert story.title == "An old post, Mobiledoc only"
    assert "<h2>What the council said</h2>" in story.body_html
    assert "<strong>Tuesday</strong>" in story.body_html
    assert '<a href="/harbour-plan/">harbour plan</a>' in story.body_html  # old links root-relative
    assert "<ul><li>first point</li><li>second point</li></ul>" in story.body_html
    assert "<blockquote><p>We will not sell the quay.</p></blockquote>" in story.body_html
    assert '<img src="/content/images/2019/03/quay.jpg" alt="The quay at dusk">' in story.body_html
    assert "youtube.com/embed/abc123" in story.body_html
    assert story.media == {"/content/images/2019/03/quay.jpg": "images/2019/03/quay.jpg"}


def test_old_sql_dates_are_read_as_utc(edge):
    [story] = edge.stories
    assert story.published_at == datetime(2019, 3, 2, 9, 15, tzinfo=UTC)


def test_posts_without_a_body_or_with_an_unknown_status_are_skipped_with_a_reason(edge):
    reasons = {s.title: s.reason for s in edge.skipped if s.kind == "post"}
    assert reasons == {
        "A post with no body at all": "no body: neither html nor a Lexical or Mobiledoc document",
        "A post in a state Ghost never wrote": "unknown status “archived”",
    }


def test_a_member_with_an_unknown_status_is_skipped_never_made_free(edge):
    assert "odd@example.com" not in {m.email for m in edge.members}
    [odd] = [s for s in edge.skipped if s.title == "odd@example.com"]
    assert odd.kind == "member" and "unknown member status “gift”" in odd.reason


def test_a_member_whose_mail_bounced_says_so(edge):
    [member] = edge.members
    assert (member.email, member.email_disabled, member.newsletters) == (
        "bounced@example.com",
        True,
        ["morning-briefing"],
    )


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("truncated.json", "not complete JSON"),
        ("not-ghost.json", "not a Ghost export"),
    ],
)
def test_a_file_that_is_not_a_whole_ghost_export_is_refused_in_one_line(name, says):
    with pytest.raises(ExportUnreadable) as refused:
        read_export(FIXTURES / name)
    assert says in str(refused.value) and "\n" not in str(refused.value)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ExportUnreadable, match="Cannot read"):
        read_export(tmp_path / "nowhere.json")


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    bad = tmp_path / "latin1.json"
    bad.write_bytes(
        '{"db": [{"meta": {}, "data": {"posts": [{"title": "Café"}]}}]}'.encode("latin-1")
    )
    with pytest.raises(ExportUnreadable, match="not UTF-8"):
        read_export(bad)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("__GHOST_URL__/content/images/2024/05/x.jpg", "images/2024/05/x.jpg"),
        ("/content/images/size/w600/2024/05/x.jpg", "images/2024/05/x.jpg"),
        ("https://old.example/content/media/2024/05/clip.mp4", "media/2024/05/clip.mp4"),
        ("https://images.unsplash.com/photo-1", ""),
    ],
)
def test_content_urls_map_to_paths_under_the_content_folder(url, path):
    assert content_path(url) == path


def test_lexical_renders_the_parts_of_a_story():
    document = {
        "root": {
            "children": [
                {"type": "heading", "tag": "h3", "children": [{"type": "text", "text": "A & B"}]},
                {
                    "type": "paragraph",
                    "children": [
                        {"type": "text", "text": "bold", "format": 1},
                        {"type": "text", "text": " and "},
                        {
                            "type": "link",
                            "url": "https://x.test/",
                            "children": [{"type": "text", "text": "a link"}],
                        },
                    ],
                },
                {
                    "type": "list",
                    "listType": "number",
                    "children": [
                        {"type": "listitem", "children": [{"type": "text", "text": "one"}]}
                    ],
                },
                {"type": "quote", "children": [{"type": "text", "text": "said"}]},
                {"type": "image", "src": "/content/images/a.jpg", "alt": "An a", "caption": "Cap"},
                {"type": "callout", "calloutText": "only themes know this"},
            ]
        }
    }
    assert render_lexical(document) == (
        "<h3>A &amp; B</h3>"
        '<p><strong>bold</strong> and <a href="https://x.test/">a link</a></p>'
        "<ol><li>one</li></ol>"
        "<blockquote><p>said</p></blockquote>"
        '<figure><img src="/content/images/a.jpg" alt="An a"><figcaption>Cap</figcaption></figure>'
    )
