"""The blocks editors arrange the front page with (``HomePage.layout``).

Each block says what kind of space it is and how many stories it holds; the
stories themselves are chosen by hand or, for the places left empty, by
recency (``news.selectors.front_page``), never repeating a story already on
the front. Blocks hold ids only: the selector reads the layout's raw data and
loads every story on the front in one go.
"""

from __future__ import annotations

from wagtail import blocks


def chosen_stories(help_text: str) -> blocks.ListBlock:
    return blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.ArticlePage"),
        default=[],
        required=False,
        help_text=help_text,
    )


class SectionLayout:
    FEATURE = "feature"
    ACROSS = "across"
    LIST = "list"
    CHOICES = [
        (FEATURE, "Feature and list"),
        (ACROSS, "Three across"),
        (LIST, "List with small pictures"),
    ]


class LeadBlock(blocks.StructBlock):
    stories = chosen_stories(
        "The lead first, then the secondary leads. Places left empty take the newest stories."
    )
    secondary = blocks.IntegerBlock(
        min_value=0, max_value=6, default=4, help_text="How many secondary leads beside the lead."
    )

    class Meta:
        icon = "pick"
        label = "Lead and secondary leads"


class SectionStoriesBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(page_type="news.SectionPage")
    layout = blocks.ChoiceBlock(choices=SectionLayout.CHOICES, default=SectionLayout.FEATURE)
    count = blocks.IntegerBlock(min_value=1, max_value=12, default=4)
    stories = chosen_stories("Optional: stories to show first. The rest are the section's newest.")

    class Meta:
        icon = "list-ul"
        label = "Section"


class OpinionBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Opinion")
    count = blocks.IntegerBlock(min_value=1, max_value=8, default=4)
    stories = chosen_stories("Optional: pieces to show first. The rest are the newest opinion.")

    class Meta:
        icon = "user"
        label = "Opinion column"


class MostReadBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Most read")
    count = blocks.IntegerBlock(min_value=3, max_value=10, default=5)

    class Meta:
        icon = "order"
        label = "Most read"


class FrontLayoutBlock(blocks.StreamBlock):
    lead = LeadBlock()
    section = SectionStoriesBlock()
    opinion = OpinionBlock()
    most_read = MostReadBlock()

    class Meta:
        block_counts = {"lead": {"max_num": 1}}
