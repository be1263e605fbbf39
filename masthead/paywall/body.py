"""The one way to the words of an article.

Templates, serializers and feeds never touch ``ArticlePage.body``; they get a
:class:`ReadableBody` from :func:`readable_body`, which asks the paywall's
outcome. When the outcome is a teaser, the rest of the body is not in the
object at all, so nothing downstream can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass

from masthead.paywall.policy import Outcome


@dataclass(frozen=True)
class ReadableBody:
    teaser: list
    rest: list | None  # None when withheld
    # The rendered blocks may be cached under this key: the live revision's, never a preview's.
    cache_key: str | None = None

    @property
    def withheld(self) -> bool:
        return self.rest is None


def split_at_paragraph(blocks: list, paragraphs: int) -> tuple[list, list]:
    """Blocks up to and including the ``paragraphs``-th paragraph, and the others."""
    seen = 0
    for index, block in enumerate(blocks):
        if block.block_type == "paragraph":
            seen += 1
            if seen >= paragraphs:
                return blocks[: index + 1], blocks[index + 1 :]
    return blocks, []


def readable_body(
    article, outcome: Outcome, teaser_paragraphs: int, *, preview: bool = False
) -> ReadableBody:
    """The body this outcome allows. A preview's body is the revision's own and never cached."""
    teaser, rest = split_at_paragraph(list(article.body), max(teaser_paragraphs, 1))
    cache_key = None
    if not preview and article.live and article.live_revision_id:
        published = article.last_published_at.isoformat() if article.last_published_at else ""
        cache_key = f"{article.pk}:{article.live_revision_id}:{published}:{len(teaser)}"
    return ReadableBody(teaser=teaser, rest=rest if outcome.is_full else None, cache_key=cache_key)
