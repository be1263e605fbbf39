"""An old post's HTML becomes body blocks without losing a word a reader could read."""

import pytest

from masthead.importing.html_blocks import ImageRef, embed_url, html_to_blocks


def blocks(html):
    return html_to_blocks(html).blocks


def test_paragraphs_keep_bold_italic_and_links_and_lose_scripts():
    result = blocks(
        "<p>Dockers <strong>voted</strong> to <em>strike</em> "
        "<a href='https://example.org/a?b=1&c=2' onclick='steal()'>on Monday</a>.</p>"
        "<script>alert('x')</script><style>p { color: red }</style>"
    )
    assert result == [
        {
            "type": "paragraph",
            "value": "<p>Dockers <b>voted</b> to <i>strike</i> "
            '<a href="https://example.org/a?b=1&amp;c=2">on Monday</a>.</p>',
        }
    ]


def test_entities_and_unknown_tags_give_their_text():
    result = blocks("<p>Caf&eacute; &amp; bar &lt;3</p><font color='red'>Red words</font>")
    assert result == [
        {"type": "paragraph", "value": "<p>Café &amp; bar &lt;3</p>"},
        {"type": "paragraph", "value": "<p>Red words</p>"},
    ]


def test_text_without_paragraph_tags_is_split_at_blank_lines():
    result = blocks("First line\nsame paragraph\n\nSecond paragraph")
    assert [b["value"] for b in result] == [
        "<p>First line<br/>same paragraph</p>",
        "<p>Second paragraph</p>",
    ]


def test_headings_become_subheadings_and_a_long_one_a_bold_paragraph():
    long = "word " * 40
    result = blocks(f"<h2>What happens next</h2><h3>{long}</h3>")
    assert result[0] == {"type": "subheading", "value": "What happens next"}
    assert result[1]["type"] == "paragraph"
    assert result[1]["value"] == f"<p><b>{long.strip()}</b></p>"


def test_blockquote_becomes_a_quote_with_its_attribution():
    result = blocks(
        "<blockquote><p>We will not go back.</p><p>Not this time.</p>"
        "<cite>— A docker at the gate</cite></blockquote>"
    )
    assert result == [
        {
            "type": "quote",
            "value": {
                "text": "We will not go back.\n\nNot this time.",
                "attribution": "A docker at the gate",
            },
        }
    ]


def test_nested_lists_are_one_paragraph_with_markers_and_indentation():
    result = blocks(
        "<ul><li>Pay<ul><li>four per cent</li><li>back pay<ol><li>from April</li></ol></li>"
        "</ul></li><li><b>Hours</b></li></ul><ol><li>first</li><li>second</li></ol>"
    )
    indent = "\u00a0" * 4
    assert result == [
        {
            "type": "paragraph",
            "value": f"<p>• Pay<br/>{indent}◦ four per cent<br/>{indent}◦ back pay"
            f"<br/>{indent * 2}1. from April<br/>• <b>Hours</b></p>",
        },
        {"type": "paragraph", "value": "<p>1. first<br/>2. second</p>"},
    ]


def test_figures_and_images_become_image_blocks_with_captions():
    result = blocks(
        "<figure class='wp-block-image'><img src='/uploads/quay.jpg' alt='The quay'>"
        "<figcaption>The quay at <em>dawn</em></figcaption></figure>"
        "<p><img src='https://old.example/b.png' alt=''> Words beside it</p>"
    )
    assert result == [
        {
            "type": "image",
            "value": {
                "image": ImageRef("/uploads/quay.jpg", "The quay"),
                "caption": "The quay at dawn",
            },
        },
        {
            "type": "image",
            "value": {"image": ImageRef("https://old.example/b.png", ""), "caption": ""},
        },
        {"type": "paragraph", "value": "<p>Words beside it</p>"},
    ]


def test_caption_shortcode_is_a_figure():
    result = blocks(
        '[caption id="attachment_7" align="alignnone" width="300"]'
        '<a href="/x"><img src="/u/h.jpg" alt="A harbour" /></a> The harbour[/caption]'
    )
    assert result == [
        {
            "type": "image",
            "value": {"image": ImageRef("/u/h.jpg", "A harbour"), "caption": "The harbour"},
        }
    ]


def test_unknown_shortcode_stays_as_text():
    assert blocks('<p>See [gallery ids="1,2"] below</p>') == [
        {"type": "paragraph", "value": '<p>See [gallery ids="1,2"] below</p>'}
    ]


def test_embeds_from_iframes_figures_and_bare_links_and_unknown_frames_dropped():
    converted = html_to_blocks(
        "<iframe src='https://www.youtube.com/embed/abc123?rel=0'></iframe>"
        "<figure class='wp-block-embed'><div class='wp-block-embed__wrapper'>"
        "https://vimeo.com/12345</div></figure>"
        "<p>https://twitter.com/paper/status/1</p>"
        "<iframe src='https://tracker.example/frame'></iframe>"
        "<figure class='embed'><a href='https://www.youtube.com/watch?v=zz'>x</a></figure>"
    )
    assert converted.blocks == [
        {"type": "embed", "value": "https://www.youtube.com/watch?v=abc123"},
        {"type": "embed", "value": "https://vimeo.com/12345"},
        {"type": "embed", "value": "https://twitter.com/paper/status/1"},
        {"type": "embed", "value": "https://www.youtube.com/watch?v=zz"},
    ]
    assert converted.notes == ["an embedded frame from tracker.example"]


def test_a_link_to_an_ordinary_site_on_its_own_stays_a_paragraph():
    assert blocks("<p>https://example.org/page</p>")[0]["type"] == "paragraph"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/embed/X1", "https://www.youtube.com/watch?v=X1"),
        ("//player.vimeo.com/video/42", "https://vimeo.com/42"),
        ("https://youtu.be/X1", "https://youtu.be/X1"),
        ("https://example.org/embed/1", None),
        ("javascript:alert(1)", None),
    ],
)
def test_embed_urls(url, expected):
    assert embed_url(url) == expected


def test_tables_and_code_keep_their_words():
    result = blocks(
        "<table><tr><th>Port</th><th>Ships</th></tr><tr><td>Ardmouth</td><td>12</td></tr></table>"
        "<pre>line one\nline two</pre>"
    )
    assert [b["value"] for b in result] == [
        "<p>Port | Ships</p>",
        "<p>Ardmouth | 12</p>",
        "<p>line one<br/>line two</p>",
    ]


def test_every_word_survives():
    html = (
        "<div><p>alpha <span>beta</span></p><section><h4>gamma</h4>"
        "<dl><dt>delta</dt><dd>epsilon</dd></dl></section>"
        "<blockquote>zeta</blockquote><ul><li><p>eta</p></li></ul>theta</div>"
    )
    text = " ".join(
        b["value"] if isinstance(b["value"], str) else b["value"]["text"] for b in blocks(html)
    )
    for word in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]:
        assert word in text
