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


def readable_body(article, outcome: Outcome, teaser_paragraphs: int) -> ReadableBody:
    teaser, rest = split_at_paragraph(list(article.body), max(teaser_paragraphs, 1))
    return ReadableBody(teaser=teaser, rest=rest if outcome.is_full else None)
