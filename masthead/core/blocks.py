"""The blocks an article body is built from: paragraph, subheading, quote, image, embed."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from masthead.images.models import require_alt_text

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Quoted words")
    attribution = blocks.CharBlock(required=False, help_text="Who said it, and their role.")

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image in the body; the caption here overrides the image's default caption."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False, help_text="Leave blank to use the image's default caption."
    )

    def clean(self, value):
        value = super().clean(value)
        try:
            require_alt_text(value.get("image"))
        except ValidationError as error:
            raise blocks.StructBlockValidationError(block_errors={"image": error}) from error
        return value

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="components/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        max_length=120, icon="title", template="components/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(
        help_text="A link to a video or post (YouTube, Vimeo, …).",
        template="components/blocks/embed.html",
    )
