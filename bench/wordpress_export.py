"""A WordPress export of any size, for timing ``masthead import wordpress``.

Writes a WXR 1.2 file shaped like the one WordPress 6.1 writes (the fixture
``masthead/importing/tests/fixtures/wordpress/export.xml``): three authors, eight
categories, forty tags, one picture for every ten posts, and ``--posts`` posts
(10,000 by default) of about 800 words each, classic and block-editor bodies
mixed, with headings, quotes, captioned pictures and embeds. The same seed writes
the same file. With ``--read`` it then reads the file with the importer's parser
and prints the time and the peak memory.

    .venv/bin/python bench/wordpress_export.py var/bench/wordpress.xml --read
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

SITE = "https://oldpaper.example"
UPLOADS = f"{SITE}/wp-content/uploads"
AUTHORS = [("ada", "Ada Byrne"), ("zofia", "Zofia Łukasiewicz"), ("kwame", "Kwame Mensah")]
CATEGORIES = ["News", "Local", "Politics & Power", "Business", "Culture", "Sport", "Opinion"]
WORDS = (
    "harbour council ferry quay market bridge tide lifeboat rowing budget school library "
    "station road street weather storm winter summer mayor vote plan report week month "
    "people town county river boat fish trade shop café museum festival concert match "
    "club team season record cost price rent housing work job money office court police "
    "the a of and to in on for with at by from that this it was is will said after before"
).split()


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 20))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body(rng: random.Random, number: int, pictures: list[tuple[int, str]]) -> str:
    """About 800 words; every other post written in the block editor."""
    blocks = number % 2 == 0
    parts: list[str] = []
    words = 0
    while words < 800:
        text = paragraph(rng)
        words += text.count(" ") + 1
        parts.append(
            f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->" if blocks else text
        )
        roll = rng.random()
        if roll < 0.08:
            heading = sentence(rng).rstrip(".")
            parts.append(
                f"<!-- wp:heading -->\n<h2>{heading}</h2>\n<!-- /wp:heading -->"
                if blocks
                else f"<h2>{heading}</h2>"
            )
        elif roll < 0.12:
            parts.append(f"<blockquote>{sentence(rng)}</blockquote>")
        elif roll < 0.15 and pictures:
            picture_id, path = rng.choice(pictures)
            small = path.replace(".jpg", "-300x200.jpg")
            if blocks:
                parts.append(
                    f'<!-- wp:image {{"id":{picture_id}}} -->\n<figure class="wp-block-image">'
                    f'<img src="{UPLOADS}/{small}" alt="" class="wp-image-{picture_id}"/>'
                    f"<figcaption>{sentence(rng)}</figcaption></figure>\n<!-- /wp:image -->"
                )
            else:
                parts.append(
                    f'[caption id="attachment_{picture_id}" align="aligncenter" width="300"]'
                    f'<img class="wp-image-{picture_id}" src="{UPLOADS}/{small}" alt="" /> '
                    f"{sentence(rng)}[/caption]"
                )
        elif roll < 0.16:
            parts.append("https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    return "\n\n".join(parts)


def item(fields: dict[str, str], terms: list[tuple[str, str, str]], meta: dict[str, str]) -> str:
    lines = ["\t<item>"]
    for name in ("title", "link", "pubDate", "dc:creator", "guid"):
        value = fields.get(name, "")
        if name == "guid":
            lines.append(f'\t\t<guid isPermaLink="false">{escape(value)}</guid>')
        elif name in ("link", "pubDate"):
            lines.append(f"\t\t<{name}>{escape(value)}</{name}>")
        else:
            lines.append(f"\t\t<{name}>{cdata(value)}</{name}>")
    lines.append("\t\t<description></description>")
    lines.append(f"\t\t<content:encoded>{cdata(fields.get('content', ''))}</content:encoded>")
    lines.append(f"\t\t<excerpt:encoded>{cdata(fields.get('excerpt', ''))}</excerpt:encoded>")
    for name in (
        "post_id", "post_date", "post_date_gmt", "post_modified", "post_modified_gmt",
        "comment_status", "ping_status", "post_name", "status", "post_parent", "menu_order",
        "post_type", "post_password", "is_sticky",
    ):  # fmt: skip
        value = fields.get(name, "")
        plain = name in ("post_id", "post_parent", "menu_order", "is_sticky")
        lines.append(f"\t\t<wp:{name}>{escape(value) if plain else cdata(value)}</wp:{name}>")
    if "attachment_url" in fields:
        lines.append(
            f"\t\t<wp:attachment_url>{cdata(fields['attachment_url'])}</wp:attachment_url>"
        )
    for domain, nicename, name in terms:
        lines.append(
            f'\t\t<category domain="{domain}" nicename="{nicename}">{cdata(name)}</category>'
        )
    for key, value in meta.items():
        lines.append(
            f"\t\t<wp:postmeta>\n\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
            f"\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>"
        )
    lines.append("\t</item>")
    return "\n".join(lines) + "\n"


def slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def write_export(path: Path, posts: int, seed: int = 1891) -> None:
    rng = random.Random(seed)
    tags = sorted({rng.choice(WORDS[:60]) + " " + rng.choice(WORDS[:60]) for _ in range(60)})[:40]
    start = datetime(2015, 1, 1, 7, 0, tzinfo=UTC)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
            '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n'
            f"\t<title>The Old Harbour Gazette</title>\n\t<link>{SITE}</link>\n"
            "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for number, (login, name) in enumerate(AUTHORS, start=1):
            out.write(
                f"\t<wp:author><wp:author_id>{number}</wp:author_id>"
                f"<wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_email>{cdata(login + '@oldpaper.example')}</wp:author_email>"
                f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n"
            )
        for number, name in enumerate(CATEGORIES, start=2):
            out.write(
                f"\t<wp:category><wp:term_id>{number}</wp:term_id>"
                f"<wp:category_nicename>{cdata(slugify(name))}</wp:category_nicename>"
                f"<wp:cat_name>{cdata(escape(name))}</wp:cat_name></wp:category>\n"
            )
        pictures: list[tuple[int, str]] = []
        next_id = 100
        for number in range(posts):
            when = start + timedelta(hours=number * 7 + rng.randint(0, 5))
            stamp = when.strftime("%Y-%m-%d %H:%M:%S")
            if number % 10 == 0:
                picture_id, next_id = next_id, next_id + 1
                file = f"{when:%Y/%m}/photo-{picture_id}.jpg"
                pictures.append((picture_id, file))
                fields = {
                    "title": f"Photo {picture_id}", "link": f"{SITE}/photo-{picture_id}/",
                    "guid": f"{UPLOADS}/{file}", "post_id": str(picture_id), "post_date": stamp,
                    "post_date_gmt": stamp, "post_modified": stamp, "post_modified_gmt": stamp,
                    "status": "inherit", "post_type": "attachment",
                    "post_name": f"photo-{picture_id}",
                    "attachment_url": f"{UPLOADS}/{file}", "excerpt": sentence(rng),
                    "content": "Photo: " + rng.choice(AUTHORS)[1],
                }  # fmt: skip
                meta = {"_wp_attached_file": file, "_wp_attachment_image_alt": sentence(rng)}
                out.write(item(fields, [], meta))
            post_id, next_id = next_id, next_id + 1
            title = sentence(rng).rstrip(".")
            slug = slugify(title)[:190]
            categories = rng.sample(CATEGORIES, k=rng.randint(1, 2))
            terms = [("category", slugify(c), escape(c)) for c in sorted(categories)]
            terms += [("post_tag", slugify(t), t) for t in sorted(rng.sample(tags, k=3))]
            fields = {
                "title": title, "link": f"{SITE}/{when:%Y/%m/%d}/{slug}/",
                "pubDate": when.strftime("%a, %d %b %Y %H:%M:%S +0000"),
                "dc:creator": rng.choice(AUTHORS)[0], "guid": f"{SITE}/?p={post_id}",
                "content": body(rng, number, pictures), "excerpt": sentence(rng),
                "post_id": str(post_id), "post_date": stamp, "post_date_gmt": stamp,
                "post_modified": stamp, "post_modified_gmt": stamp, "comment_status": "open",
                "ping_status": "open", "post_name": slug, "status": "publish", "post_parent": "0",
                "menu_order": "0", "post_type": "post", "is_sticky": "0",
            }  # fmt: skip
            meta = {"_thumbnail_id": str(pictures[-1][0])} if number % 3 == 0 else {}
            out.write(item(fields, terms, meta))
        out.write("</channel>\n</rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1891)
    parser.add_argument("--read", action="store_true", help="then read it with the parser")
    args = parser.parse_args()
    began = time.perf_counter()
    write_export(args.path, args.posts, args.seed)
    size = args.path.stat().st_size / 1e6
    seconds = time.perf_counter() - began
    print(f"Wrote {args.posts:,} posts to {args.path} ({size:.0f} MB) in {seconds:.1f} s")
    if args.read:
        from masthead.importing.wordpress import read_export

        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began = time.perf_counter()
        export = read_export(args.path)
        seconds = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"Read {len(export.stories):,} stories in {seconds:.1f} s "
            f"({len(export.stories) / seconds:,.0f} a second); peak memory {peak / 1024:.0f} MB "
            f"({(peak - before) / 1024:.0f} MB more than before reading)"
        )


if __name__ == "__main__":
    main()
