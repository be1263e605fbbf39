"""Reading WordPress exports: a real one made by WordPress 6.1, an older WXR 1.1, bad files.

``fixtures/wordpress/export.xml`` was written by WordPress's own exporter
(tools/exports/wordpress/make_export.sh); these tests read it as an editor moving
their paper would expect to find it.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from masthead.importing.records import ExportUnreadable, Status
from masthead.importing.wordpress import read_export
from masthead.importing.wp_text import post_html

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
UPLOADS = "https://oldpaper.example/wp-content/uploads"


@pytest.fixture(scope="module")
def export():
    return read_export(FIXTURES / "export.xml")


@pytest.fixture(scope="module")
def stories(export):
    return {story.title: story for story in export.stories if story.title}


def test_every_post_is_a_story_and_nothing_else_is(export):
    assert len(export.stories) == 20
    assert export.site_url == "https://oldpaper.example"
    by_status = {}
    for story in export.stories:
        by_status.setdefault(story.status, []).append(story.source_id)
    assert len(by_status[Status.LIVE]) == 15
    assert len(by_status[Status.DRAFT]) == 2
    assert len(by_status[Status.SCHEDULED]) == 1
    assert len(by_status[Status.PRIVATE]) == 2
    assert {story.source for story in export.stories} == {"wordpress"}


def test_a_published_story_keeps_section_topics_author_dates_hero_and_old_paths(stories):
    story = stories["Harbour plan approved after a long night"]
    assert story.status == Status.LIVE
    assert story.slug == "harbour-plan-approved-after-a-long-night"
    # Yoast's primary category wins over WordPress's alphabetical order.
    assert story.section == "News"
    assert story.topics == ["council", "harbour", "Local"]
    assert story.authors == ["ada"]
    assert story.published_at == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    assert story.modified_at == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    assert story.standfirst == "Councillors voted nine to four for the new berths."
    assert story.old_paths == ["/2024/03/14/harbour-plan-approved-after-a-long-night/", "/?p=8"]
    hero = story.hero
    assert hero.path == "2024/03/harbour.jpg"
    assert hero.url == f"{UPLOADS}/2024/03/harbour.jpg"
    assert hero.alt == "Fishing boats moored along the north quay at dawn"
    assert hero.caption == "The north quay, where the new berths will go."
    assert hero.credit == "Photo: Ada Byrne / The Old Harbour Gazette"


def test_summer_times_are_read_in_utc_and_the_last_edit_is_kept(stories):
    market = stories["The Saturday market turns one hundred"]
    assert market.published_at == datetime(2024, 7, 6, 9, 0, tzinfo=UTC)  # 10:00 in London
    ferry = stories["Ferry returns to winter timetable"]
    assert ferry.published_at == datetime(2024, 10, 27, 8, 0, tzinfo=UTC)
    assert ferry.modified_at == datetime(2024, 10, 28, 9, 15, tzinfo=UTC)


def test_without_a_primary_category_the_first_listed_is_the_section(stories):
    rowing = stories["Rowing club wins county cup"]
    assert rowing.section == "Local"
    assert rowing.topics == ["regatta", "rowing", "Sport"]
    assert rowing.authors == ["zofia"]
    assert stories["Budget: what the council will cut"].section == "News"


def test_uncategorized_alone_leaves_the_section_to_the_writer(stories):
    story = stories["Bollards to be repainted"]
    assert story.section == ""
    assert story.topics == []
    # Its picture's file is missing from the media folder; the record still names it.
    assert story.hero.path == "2024/09/bollard.png"
    assert not (FIXTURES / "uploads" / "2024" / "09" / "bollard.png").exists()


def test_two_authors_with_names_and_email(export):
    people = {person.source_id: person for person in export.people}
    assert people["ada"].name == "Ada Byrne"
    assert people["ada"].email == "ada@oldpaper.example"
    assert people["zofia"].name == "Zofia Łukasiewicz"


def test_statuses(stories):
    assert stories["Draft: harbour dues rise"].status == Status.DRAFT
    assert stories["Waiting for an editor"].status == Status.DRAFT  # pending review
    assert stories["Staff rota for the regatta"].status == Status.PRIVATE
    assert stories["Members only: the editor’s letter"].status == Status.PRIVATE  # password
    scheduled = stories["Lifeboat naming ceremony"]
    assert scheduled.status == Status.SCHEDULED
    assert scheduled.published_at == datetime(2030, 5, 1, 11, 0, tzinfo=UTC)
    assert scheduled.hero.path == "2024/03/harbour.jpg"


def test_a_draft_has_no_slug_and_its_local_date_is_read_as_utc(stories):
    draft = stories["Draft: harbour dues rise"]
    assert draft.slug == ""
    assert draft.published_at == datetime(2024, 9, 20, 10, 0, tzinfo=UTC)
    assert draft.old_paths == ["/?p=20"]


def test_pages_menus_blocks_and_trash_are_skipped_with_a_reason(export):
    skipped = {(item.kind, item.title): item.reason for item in export.skipped}
    assert skipped[("page", "About the Gazette")] == "pages are not stories"
    assert ("nav_menu_item", "About") in skipped
    assert ("wp_block", "Newsletter sign-up") in skipped
    assert skipped[("post", "Story we took down")] == "it was in WordPress's trash"
    titles = {story.title for story in export.stories}
    assert "About the Gazette" not in titles and "Story we took down" not in titles


def test_titles_are_unescaped_and_odd_ones_kept(export, stories):
    assert "Café — “quoted” & more" in stories
    assert stories["Αθήνα: νέα γραμμή μετρό"].topics == ["Ελλάδα"]
    assert stories["Łódź: zażółć gęślą jaźń"].slug == "lodz-zazolc-gesla-jazn"
    assert stories["Café — “quoted” & more"].topics == ["food & drink"]
    assert stories["Council meeting"].section == "Politics & Power"
    long_title = next(s for s in export.stories if s.title.startswith("A very long headline"))
    assert len(long_title.title) == 300
    untitled = [story for story in export.stories if story.title == ""]
    assert len(untitled) == 1
    assert untitled[0].body_html.startswith("<p>A short note without a headline")


def test_a_non_ascii_slug_and_its_old_path_are_percent_decoded(stories):
    story = stories["Αθήνα: νέα γραμμή μετρό"]
    assert story.slug == "Αθήνα-νέα-γραμμή-μετρό"
    assert story.old_paths[0] == "/2024/08/12/Αθήνα-νέα-γραμμή-μετρό/"


def test_duplicate_titles_keep_wordpress_s_distinct_slugs(export):
    meetings = [story for story in export.stories if story.title == "Council meeting"]
    assert sorted(story.slug for story in meetings) == ["council-meeting", "council-meeting-2"]
    assert len({story.source_id for story in meetings}) == 2


def test_a_classic_body_gets_paragraphs_and_keeps_its_structure(stories):
    body = stories["Harbour plan approved after a long night"].body_html
    assert body.startswith("<p>Councillors approved the harbour plan")
    assert "<h2>What happens next</h2>" in body
    assert "<blockquote>\n<p>We have waited thirty years" in body
    assert "<li>for rowing clubs</li>" in body
    assert body.count("<ul>") == 2
    assert body.endswith("<p>Opponents say they will ask for a review.</p>")


def test_a_block_body_loses_its_block_comments_and_keeps_figure_and_embed(stories):
    story = stories["The Saturday market turns one hundred"]
    body = story.body_html
    assert "<!-- wp:" not in body
    assert '<figcaption class="wp-element-caption">Stalls in the square' in body
    youtube = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert f'<figure class="embed"><a href="{youtube}">{youtube}</a></figure>' in body
    assert "wp-block-embed__wrapper" not in body
    assert story.media == {f"{UPLOADS}/2024/07/market-300x200.jpg": "2024/07/market.jpg"}


def test_caption_shortcodes_become_figures_and_video_links_embeds(stories):
    story = stories["Swing bridge to stay shut until spring"]
    body = story.body_html
    assert "[caption" not in body and "[/caption]" not in body
    assert (
        f'<figure><img class="size-medium wp-image-6" src="{UPLOADS}/2024/07/bridge-300x200.jpg"'
        in body
    )
    assert "<figcaption>The bridge has been <em>closed</em> since May.</figcaption>" in body
    assert '<figure class="embed"><a href="https://youtu.be/aqz-KE-bpKQ">' in body
    assert '<figure class="embed"><a href="https://vimeo.com/76979871">' in body
    assert story.media == {f"{UPLOADS}/2024/07/bridge-300x200.jpg": "2024/07/bridge.jpg"}


def test_a_gallery_becomes_its_pictures(stories):
    story = stories["Photos: the regatta in pictures"]
    assert "[gallery" not in story.body_html
    assert (
        f'<figure><img src="{UPLOADS}/2024/03/harbour.jpg" alt="Fishing boats moored along the north quay at dawn" />'
        "<figcaption>The north quay, where the new berths will go.</figcaption></figure>"
    ) in story.body_html
    assert story.media == {
        f"{UPLOADS}/2024/03/harbour.jpg": "2024/03/harbour.jpg",
        f"{UPLOADS}/2024/07/market.jpg": "2024/07/market.jpg",
    }


def test_unknown_shortcodes_keep_their_words_and_empty_ones_are_reported(export, stories):
    story = stories["Photos: the regatta in pictures"]
    assert "[" not in story.body_html
    assert "<p>The winning crew came from the rowing club.</p>" in story.body_html
    assert "<p>We trained all winter for this.</p>" in story.body_html
    assert "contact-form" not in story.body_html
    reported = [item for item in export.skipped if item.kind == "shortcode"]
    assert [(item.source_id, item.reason) for item in reported] == [
        (
            story.source_id,
            '[contact-form-7 id="3" title="Send us your regatta photos"] has no text and was left out',
        )
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("He said [sic] it was fine.", "<p>He said [sic] it was fine.</p>"),
        ("See note [1].", "<p>See note [1].</p>"),
        ("Write [[gallery]] to show a gallery.", "<p>Write [gallery] to show a gallery.</p>"),
        (
            '[caption caption="Old form"]<img src="a.jpg" />[/caption]',
            '<figure><img src="a.jpg" /><figcaption>Old form</figcaption></figure>',
        ),
        ("One line\nand the next", "<p>One line<br />\nand the next</p>"),
        ("https://example.com/not-a-video", "<p>https://example.com/not-a-video</p>"),
        ("<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>"),
        ('[chart id="1" /] after', "<p>after</p>"),
        (
            "[youtube=https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;w=640]",
            '<figure class="embed"><a href="https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;w=640">'
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;w=640</a></figure>",
        ),
    ],
)
def test_body_text_rules(raw, expected):
    assert post_html(raw).html == expected


def test_an_older_wxr_1_1_export_from_wordpress_com():
    export = read_export(FIXTURES / "wxr-1.1.xml")
    assert export.site_url == "http://piernotes.wordpress.com"
    live, draft = export.stories
    assert live.section == "Piers & Jetties"
    assert live.topics == ["storms"]
    assert live.old_paths == ["/2012/05/14/the-pier-after-the-storm/", "/?p=41"]
    # The picture comes after the post in the file; WordPress.com resizes with ?w=.
    assert live.hero.path == "2012/05/pier.jpg"
    assert live.hero.credit == "Jörg Sandström"  # IPTC credit, no description
    assert live.media == {
        "http://piernotes.files.wordpress.com/2012/05/pier.jpg": "2012/05/pier.jpg",
        "http://piernotes.files.wordpress.com/2012/05/pier.jpg?w=300": "2012/05/pier.jpg",
    }
    assert draft.status == Status.DRAFT
    assert draft.published_at == datetime(2012, 5, 15, 9, 0, tzinfo=UTC)
    assert draft.section == ""
    people = {person.source_id: person.name for person in export.people}
    assert people == {"harbourmaster": "The Harbour Master", "deckhand": "deckhand"}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "The file ends before the export does (line 589)"),
        (
            "not-wordpress.xml",
            "This is not a WordPress export (WXR): it is a feed without WordPress's "
            "wp:wxr_version (its first <item> is on line 8)",
        ),
        ("bad-encoding.xml", "The file is not in the UTF-8 encoding it declares (line 7)"),
    ],
)
def test_bad_files_are_refused_with_one_clear_line(name, message):
    with pytest.raises(ExportUnreadable) as refused:
        read_export(FIXTURES / name)
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "This is not a WordPress export (WXR): the file is empty"),
        (
            b'{"db": []}',
            "This is not a WordPress export (WXR): it is not XML (line 1), but JSON; a Ghost "
            "export is imported with: masthead import ghost FILE",
        ),
        (
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
            "This is not a WordPress export (WXR): its first element is <feed> (line 1), not <rss>",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss>&a;</rss>',
            "This is not a WordPress export (WXR): it declares XML entities",
        ),
    ],
)
def test_files_of_other_kinds_are_refused(tmp_path, content, message):
    path = tmp_path / "upload.xml"
    path.write_bytes(content)
    with pytest.raises(ExportUnreadable, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_export(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ExportUnreadable, match="cannot be opened"):
        read_export(tmp_path / "nowhere.xml")


ITEM = """<item><title>{title}</title><link>https://paper.example/?p={id}</link>
<dc:creator>ada</dc:creator><guid isPermaLink="false">https://paper.example/?p={id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_date>2020-01-02 03:04:05</wp:post_date>
<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:post_name></wp:post_name>
<wp:status>{status}</wp:status><wp:post_type>{type}</wp:post_type>
<wp:post_password>{password}</wp:post_password>{extra}</item>"""


def wxr(tmp_path, *items):
    path = tmp_path / "export.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><wp:wxr_version>1.2</wp:wxr_version>" + "".join(items) + "</channel></rss>",
        encoding="utf-8",
    )
    return read_export(path)


def item(id, status="publish", type="post", password="", body="Words.", title="A story", extra=""):
    return ITEM.format(
        id=id, status=status, type=type, password=password, body=body, title=title, extra=extra
    )


def test_auto_drafts_revisions_and_unknown_types_are_skipped(tmp_path):
    export = wxr(
        tmp_path,
        item(1, status="auto-draft"),
        item(2, status="inherit", type="revision"),
        item(3, type="product"),
        item(4, status="draft", password="secret"),
    )
    reasons = {item.source_id: item.reason for item in export.skipped}
    assert reasons == {
        "1": "it is an auto-draft nobody saved",
        "2": "revisions are earlier versions of a post",
        "3": "WordPress product items are not stories",
    }
    (draft,) = export.stories
    assert draft.status == Status.DRAFT  # a password on a draft changes nothing yet
    assert draft.published_at == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_picture_address_with_a_query_is_mapped_as_written_and_as_parsed(tmp_path):
    picture = (
        "<wp:attachment_url>https://paper.example/wp-content/uploads/2020/01/a.jpg</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        "<wp:meta_value>2020/01/a.jpg</wp:meta_value></wp:postmeta>"
    )
    body = (
        '<img src="https://i0.wp.com/paper.example/wp-content/uploads/2020/01/a-1024x768.jpg?w=300&amp;h=200" />'
        '<img src="https://elsewhere.example/wp-content/uploads/2020/01/a.jpg" />'
    )
    export = wxr(
        tmp_path, item(1, body=body), item(2, status="inherit", type="attachment", extra=picture)
    )
    written = (
        "https://i0.wp.com/paper.example/wp-content/uploads/2020/01/a-1024x768.jpg?w=300&amp;h=200"
    )
    assert export.stories[0].media == {
        written: "2020/01/a.jpg",
        written.replace("&amp;", "&"): "2020/01/a.jpg",
    }
