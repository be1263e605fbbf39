"""Exports as papers bring them: theme-unit-test data, WordPress.com, every WXR namespace form.

The fixtures are written in the shapes those exports have (see fixtures/wordpress/README.md).
"""

import io
import re
import tracemalloc
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.importing.records import ExportUnreadable, Status
from masthead.importing.wordpress import read_export
from masthead.news.models import ArticlePage

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
THEME_UNIT_TEST = FIXTURES / "theme-unit-test.xml"


def run_import(path) -> str:
    out = io.StringIO()
    call_command("import", "wordpress", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_theme_unit_test_export_imports_posts_sections_topics_authors_and_old_links(client):
    output = run_import(THEME_UNIT_TEST)

    assert "stories   4 created" in output
    # Pages and the menu are named, each with its reason.
    assert "page 2 “About the paper”: pages are not stories" in output
    assert "page 3 “Contact the newsroom”: pages are not stories" in output
    assert "nav_menu_item 200 “Home”: menu items are the old site's navigation" in output
    ferry = ArticlePage.objects.get(title="Night ferry keeps its winter sailings")
    assert ferry.live
    assert ferry.get_parent().specific.title == "Ferries"
    assert sorted(t.name for t in ferry.topics.all()) == ["Harbour", "timetable"]
    assert [a.name for a in ferry.authors] == ["Máiréad Quinn"]
    tides = ArticlePage.objects.get(title="Tide tables for the spring")
    assert [a.name for a in tides.authors] == ["Quay Desk"]
    assert sorted(t.name for t in tides.topics.all()) == ["tides", "timetable"]
    lanterns = ArticlePage.objects.get(title="Lantern parade moves to the quay")
    assert [t.name for t in lanterns.topics.all()] == ["Lanterns"]  # "lanterns" is the same tag
    assert not ArticlePage.objects.get(title="Harbour board minutes").live  # password: private
    for old in ("/2023/11/02/night-ferry-keeps-its-winter-sailings/", "/?p=101"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == ferry.url
        assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_wordpress_com_export_is_read_with_its_picture():
    output = run_import(FIXTURES / "wordpress-com.xml")

    assert "stories   1 created" in output
    (story,) = read_export(FIXTURES / "wordpress-com.xml").stories
    assert story.section == "Boats"
    assert story.hero.path == "2024/01/keel.jpg"
    assert story.old_paths == ["/2024/01/20/a-new-hull-on-the-slipway/", "/?p=12"]


def declaring(tmp_path, wp: str, excerpt: str) -> Path:
    text = THEME_UNIT_TEST.read_text(encoding="utf-8")
    text = text.replace('xmlns:wp="https://wordpress.org/export/1.2/"', f'xmlns:wp="{wp}"')
    text = text.replace(
        'xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"', f'xmlns:excerpt="{excerpt}"'
    )
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("slash", ["/", ""])
def test_every_wxr_version_is_read_whichever_namespace_form_it_declares(
    tmp_path, version, scheme, slash
):
    base = f"{scheme}://wordpress.org/export/{version}"
    export = read_export(declaring(tmp_path, base + slash, f"{base}/excerpt{slash}"))

    assert [s.title for s in export.stories if s.status == Status.LIVE] == [
        "Night ferry keeps its winter sailings",
        "Tide tables for the spring",
        "Lantern parade moves to the quay",
    ]
    assert export.stories[0].standfirst == "Three sailings a week, all winter."
    assert {p.source_id for p in export.people} == {"quaydesk", "mairead"}


def test_the_prefix_the_file_binds_decides_even_for_an_unfamiliar_address(tmp_path):
    # WordPress's importer reads whatever URI the file binds "wp" and "excerpt" to.
    path = declaring(tmp_path, "https://wordpress.org/export/", "https://wordpress.org/excerpt/")
    export = read_export(path)

    assert len(export.stories) == 4
    assert export.stories[0].standfirst == "Three sailings a week, all winter."


@pytest.mark.django_db
def test_a_truncated_https_export_says_where_it_ends_and_changes_nothing(tmp_path):
    text = THEME_UNIT_TEST.read_bytes()
    cut = text.index(b"<title><![CDATA[Lantern parade")
    path = tmp_path / "cut.xml"
    path.write_bytes(text[:cut])
    line = text[:cut].count(b"\n") + 1

    with pytest.raises(CommandError) as refused:
        run_import(path)

    assert f"The file ends before the export does (line {line})" in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_bad_utf8_in_an_https_export_names_its_line_and_changes_nothing(tmp_path):
    text = THEME_UNIT_TEST.read_bytes()
    at = text.index("Máiréad Quinn]]></content:encoded>".encode())
    path = tmp_path / "latin1.xml"
    path.write_bytes(text[:at] + "Máiréad".encode("latin-1") + text[at + len("Máiréad".encode()) :])
    line = text[:at].count(b"\n") + 1

    with pytest.raises(CommandError) as refused:
        run_import(path)

    assert f"not in the UTF-8 encoding it declares (line {line})" in str(refused.value)
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (
            '<?xml version="1.0"?>\n<!-- a page -->\n<html><body>Hi</body></html>',
            "its first element is <html> (line 3), not <rss>",
        ),
        (
            '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>A blog</title>\n'
            "<item><title>One</title></item>\n</channel></rss>",
            "it is a feed without WordPress's wp:wxr_version (its first <item> is on line 5)",
        ),
        (
            '<?xml version="1.0"?>\n<rss version="2.0">\n\n<channel>\n</channel></rss>',
            "it has no wp:wxr_version, which WordPress writes at the top of every export "
            "(its <channel> starts on line 4)",
        ),
    ],
)
def test_a_file_that_is_not_an_export_says_so_and_names_the_line(tmp_path, content, says):
    path = tmp_path / "upload.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportUnreadable) as refused:
        read_export(path)
    assert str(refused.value) == f"This is not a WordPress export (WXR): {says}"


def test_a_large_export_is_read_in_little_memory(tmp_path):
    """Comments and revisions are most of a big export's bytes; the file is read as a stream."""
    text = THEME_UNIT_TEST.read_text(encoding="utf-8")
    comment = re.search(r"<wp:comment>.*?</wp:comment>", text, re.DOTALL)[0]
    comment = comment.replace("Good news for the early shift.", "A long letter. " * 400)
    revision = re.search(r"<item>.*?</item>", text, re.DOTALL)[0]
    revision = revision.replace("[post]", "[revision]")
    head, tail = text.split("</channel>")
    path = tmp_path / "big.xml"
    with path.open("w", encoding="utf-8") as out:
        out.write(head.replace("</wp:comment>", "</wp:comment>" + comment * 1500, 1))
        for _ in range(1500):
            out.write(revision.replace("Islanders had feared", "A long revision. " * 200))
        out.write("</channel>" + tail)
    assert path.stat().st_size > 15_000_000

    tracemalloc.start()
    try:
        export = read_export(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert len(export.stories) == 4
    assert len(export.skipped) == 3 + 1500
    assert peak < 2_000_000, f"{peak} bytes at the peak"


HAND_MADE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.0/">
<channel><title>Preview</title><link>https://preview.example</link>
<wp:wxr_version>1.0</wp:wxr_version>
{items}
</channel></rss>"""
NO_ID = """<item><title>{title}</title><link>https://preview.example/?p={n}</link>
<guid isPermaLink="false">https://preview.example/?p={n}</guid>
<dc:creator>Preview Admin</dc:creator><wp:post_date>2008-10-17 04:33:51</wp:post_date>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<category domain="tag" nicename="boats"><![CDATA[boats]]></category>
<content:encoded><![CDATA[<p>{title}, in a few words.</p>]]></content:encoded>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"""


@pytest.mark.django_db
def test_hand_made_items_without_post_ids_each_arrive_once_with_their_wxr_1_0_tags(
    tmp_path, client
):
    # The shape of WordPress's theme-preview data: no wp:post_id; WXR 1.0's domain="tag".
    path = tmp_path / "preview.xml"
    items = [NO_ID.format(title=title, n=n) for n, title in ((19, "A boat"), (36, "A lake"))]
    path.write_text(HAND_MADE.format(items="".join(items)), encoding="utf-8")

    assert "stories   2 created" in run_import(path)
    assert "stories   0 created, 0 updated, 2 unchanged" in run_import(path)
    boat = ArticlePage.objects.get(title="A boat")
    assert [t.name for t in boat.topics.all()] == ["boats"]
    response = client.get("/?p=19")
    assert response.status_code == 301 and response["Location"] == boat.url
