"""The newsroom's image library.

An image carries its alt text, a default caption and a credit. The caption
belongs to each use of the image (a hero or an inline image may override it);
alt text and credit travel with the picture. Alt text is required: the edit
form will not save without it, and a page will not save or publish with an
image that lacks it (``require_alt_text``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index


class MastheadImage(AbstractImage):
    alt_text = models.CharField(
        "alt text",
        max_length=255,
        help_text="What the picture shows, for readers who cannot see it. Required.",
    )
    caption = models.TextField(
        "default caption",
        blank=True,
        help_text="Used wherever the image appears, unless that use gives its own caption.",
    )
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer or illustrator and agency, e.g. 'Photograph: Jo Bloggs/Agency'.",
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "caption", "credit")

    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("caption"),
        index.SearchField("credit"),
    ]

    @property
    def default_alt_text(self) -> str:
        return self.alt_text

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_image", "Can choose image")]


class MastheadRendition(AbstractRendition):
    image = models.ForeignKey(MastheadImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def require_alt_text(image: MastheadImage | None) -> None:
    """Refuse an image that has no alt text, with a message that says how to fix it."""
    if image is not None and not (image.alt_text or "").strip():
        raise ValidationError(
            f"The image “{image.title}” has no alt text. Add alt text to it in the "
            "image library before using it."
        )
