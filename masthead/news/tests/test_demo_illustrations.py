"""The demo's pictures: each story its own, the same story always the same."""

import io

from PIL import Image, ImageChops, ImageStat

from masthead.news.demo.illustrations import draw_illustration, draw_portrait


def difference(a: bytes, b: bytes) -> float:
    first, second = (Image.open(io.BytesIO(data)).convert("L") for data in (a, b))
    return sum(ImageStat.Stat(ImageChops.difference(first, second)).mean)


def test_stories_with_the_same_motif_and_palette_get_different_pictures():
    slugs = ["cup-shock-at-sallowfield", "penalty-heartbreak-at-kingsmere", "derby-day"]
    pictures = [draw_illustration("stadium", "night", slug, size=(320, 180)) for slug in slugs]
    for i, a in enumerate(pictures):
        for b in pictures[i + 1 :]:
            assert difference(a, b) > 8


def test_the_same_story_always_gets_the_same_picture():
    assert draw_illustration("harbour", "grey", "x") == draw_illustration("harbour", "grey", "x")
    assert draw_portrait("amara-okafor") == draw_portrait("amara-okafor")
    assert difference(draw_portrait("amara-okafor"), draw_portrait("tom-hollis")) > 8
