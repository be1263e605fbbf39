"""Reading Ghost exports: a real one made by Ghost itself, and hand-made edge cases beside it.

``export.json`` was written by Ghost 5's own exporter (``tools/exports/ghost/make_export.sh``).
No database: the parser turns a file into records and nothing else.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from masthead.importing.ghost import content_path, read_export
from masthead.importing.ghost_render import render_lexical
from masthead.importing.records import Access, ExportUnreadable, MemberStatus, Status

FIXTURES = Path(__file__).parent / "fixtures" / "ghost"


@pytest.fixture(scope="module")
def real():
    return read_export(FIXTURES / "export.json")


@pytest.fixture(scope="module")
def stories(real):
    return {story.slug: story for story in real.stories}


@pytest.fixture(scope="module")
def members(real):
    return {member.email: member for member in real.members}


def test_posts_become_stories_and_pages_are_skipped(real, stories):
    assert len(real.stories) == 13
    assert {s.title for s in real.skipped if s.kind == "page"} == {
        "About this site",
        "About the Gazette",
    }
    assert {s.source for s in real.stories} == {"ghost"}


def test_a_lexical_post_keeps_ghosts_html_with_old_links_made_local(stories):
    story = stories["council-votes-to-keep-the-old-quay"]
    assert story.body_html.startswith("<p>The council voted <strong>nine to four</strong>")
    assert '<h2 id="what-happens-next">What happens next</h2>' in story.body_html
    assert "<ul><li>A survey of the stonework</li>" in story.body_html
    assert (
        "<blockquote>We were told the quay could not be saved. It can.</blockquote>"
        in story.body_html
    )
    assert "<figcaption>The steps, <em>built in 1820</em></figcaption>" in story.body_html
    assert "__GHOST_URL__" not in story.body_html
    assert story.media == {"/content/images/2026/11/quay.jpg": "images/2026/11/quay.jpg"}
    assert (FIXTURES / "content" / story.media["/content/images/2026/11/quay.jpg"]).is_file()


def test_embeds_and_bookmarks_survive(stories):
    assert (
        "youtube.com/embed/dQw4w9WgXcQ" in stories["ferry-timetable-changes-for-winter"].body_html
    )
    assert (
        "https://example.test/market-report"
        in stories["inside-the-market-halls-last-season"].body_html
    )


def test_the_primary_tag_is_the_section_and_internal_tags_are_not_topics(stories):
    story = stories["council-votes-to-keep-the-old-quay"]
    assert (story.section, story.topics) == ("Harbour", ["Council"])  # "#lead-story" is internal
    assert stories["cafe-society-zurichs-oresund-of-coffee-a-review"].topics == ["Food & drink"]
    assert (stories["no-tags-at-all"].section, stories["no-tags-at-all"].topics) == ("", [])


def test_the_feature_image_is_the_hero_with_its_alt_and_caption(stories):
    hero = stories["council-votes-to-keep-the-old-quay"].hero
    assert (hero.path, hero.alt, hero.caption) == (
        "images/2026/11/quay.jpg",
        "The old quay at low tide",
        "The quay in March. Photo: Jo Marsh",
    )
    assert hero.url == "__GHOST_URL__/content/images/2026/11/quay.jpg"
    assert (FIXTURES / "content" / hero.path).is_file()
    assert stories["council-meets"].hero is None


def test_a_feature_image_ghost_did_not_keep_has_no_path(stories):
    hero = stories["coming-soon"].hero
    assert hero.path == "" and hero.url.startswith("https://static.ghost.org/")


@pytest.mark.parametrize(
    ("slug", "access"),
    [
        ("council-votes-to-keep-the-old-quay", Access.FREE),  # public
        ("ferry-timetable-changes-for-winter", Access.METERED),  # members
        ("inside-the-market-halls-last-season", Access.METERED),  # paid
        ("tier-only-briefing-the-harbour-budget", Access.METERED),  # tiers
    ],
)
def test_only_public_posts_are_free_to_read(stories, slug, access):
    assert stories[slug].access == access


def test_statuses_and_dates(stories):
    assert stories["council-meets"].status == Status.LIVE
    assert stories["draft-the-lifeboat-appeal"].status == Status.DRAFT
    assert stories["draft-the-lifeboat-appeal"].published_at is None
    scheduled = stories["scheduled-the-regatta-returns"]
    assert scheduled.status == Status.SCHEDULED and scheduled.published_at.year >= 2026
    assert stories["council-meets"].published_at == datetime(2024, 3, 9, 9, 0, tzinfo=UTC)
    assert all(s.modified_at.tzinfo is UTC for s in stories.values())


def test_standfirst_titles_slugs_and_old_paths(stories):
    story = stories["council-votes-to-keep-the-old-quay"]
    assert story.standfirst == "A late amendment saves the stone pier from the redevelopment plan."
    assert story.old_paths == ["/council-votes-to-keep-the-old-quay/"]
    cafe = stories["cafe-society-zurichs-oresund-of-coffee-a-review"]
    assert cafe.title == "Café society: Zürich’s øresund of coffee – a review"
    assert stories["council-meets-2"].title == stories["council-meets"].title


def test_authors_in_byline_order_and_only_those_who_wrote(real, stories):
    assert stories["two-bylines-the-harbour-at-night"].authors == ["1", "65f1a0000000000000000b01"]
    assert [(p.name, p.slug, p.bio) for p in real.people] == [
        ("Ada Reed", "ada", ""),
        ("Bea Kowalczyk", "bea", "Night reporter."),
    ]


def test_a_post_from_the_mobiledoc_editor_keeps_ghosts_html(stories):
    assert "<em>old</em> editor" in stories["from-the-old-editor"].body_html


def test_members_with_their_status_stripe_ids_comps_and_newsletters(members):
    assert members["frances.free@example.test"].status == MemberStatus.FREE
    assert members["frances.free@example.test"].newsletters == [
        "default-newsletter",
        "the-weekend-read",
    ]
    payer = members["pat.payer@example.test"]
    assert (payer.status, payer.stripe_customer_id, payer.stripe_subscription_ids) == (
        MemberStatus.PAID,
        "cus_TestPayer",
        ["sub_TestActive"],
    )
    lapsed = members["lapsed.payer@example.test"]
    assert (lapsed.status, lapsed.stripe_subscription_ids) == (
        MemberStatus.FREE,
        ["sub_TestCanceled"],
    )
    assert members["guest.writer@example.test"].status == MemberStatus.COMPED
    assert members["guest.writer@example.test"].comped_until is None
    assert members["prize.winner@example.test"].comped_until == datetime(2027, 6, 30, tzinfo=UTC)
    assert payer.comped_until is None  # a paid member's tier is not a gift


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


def test_only_the_papers_own_files_are_media(tmp_path):
    body = (
        '<img src="__GHOST_URL__/content/images/2024/05/own.jpg" '
        'srcset="__GHOST_URL__/content/images/size/w600/2024/05/own.jpg 600w">'
        '<img src="https://elsewhere.example/content/images/theirs.jpg">'
    )
    export = tmp_path / "export.json"
    post = {"id": "1", "title": "T", "slug": "t", "status": "published", "html": body}
    export.write_text(json.dumps({"db": [{"meta": {}, "data": {"posts": [post]}}]}))
    [story] = read_export(export).stories
    assert story.media == {
        "/content/images/2024/05/own.jpg": "images/2024/05/own.jpg",
        "/content/images/size/w600/2024/05/own.jpg": "images/2024/05/own.jpg",
    }
