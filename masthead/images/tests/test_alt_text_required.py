import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.forms import get_image_form

from masthead.core.blocks import CaptionedImageBlock
from masthead.images.models import MastheadImage
from masthead.news.demo.illustrations import draw_illustration
from masthead.news.tests.factories import make_image

pytestmark = pytest.mark.django_db


def image_form_errors(**fields) -> dict:
    """Submit Wagtail's admin form for our image model, as an editor uploading a picture."""
    form_class = get_image_form(MastheadImage)
    upload = SimpleUploadedFile(
        "crane.jpg", draw_illustration("harbour", "grey", "form", size=(64, 36)), "image/jpeg"
    )
    data = {"title": "Cranes", "caption": "", "credit": "", "tags": "", **fields}
    form = form_class(data=data, files={"file": upload})
    form.is_valid()
    return dict(form.errors)


def test_the_image_edit_form_refuses_an_image_without_alt_text():
    errors = image_form_errors(alt_text="")
    assert "alt_text" in errors


def test_the_image_edit_form_accepts_alt_text_caption_and_credit():
    assert image_form_errors(alt_text="A crane", caption="Cranes", credit="Photo: A/B") == {}


def test_an_article_cannot_use_a_hero_image_without_alt_text(paper):
    article = paper["articles"]["vote"]
    image = make_image()
    image.alt_text = ""
    image.save()
    article.hero_image = image
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_image" in error.value.message_dict
    assert "alt text" in error.value.message_dict["hero_image"][0]


def test_a_body_image_without_alt_text_is_refused():
    image = make_image()
    image.alt_text = "   "
    image.save()
    block = CaptionedImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "caption": ""}))


def test_a_body_image_with_alt_text_is_accepted():
    image = make_image(alt_text="Illustration of cranes")
    block = CaptionedImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "caption": "Override"}))
    assert value["image"] == image


def test_each_use_of_an_image_can_override_its_caption(paper):
    article = paper["articles"]["vote"]
    assert article.caption == article.hero_image.caption == "A quay at dusk"
    article.hero_caption = "Cranes over the quay on the morning of the vote"
    assert article.caption == "Cranes over the quay on the morning of the vote"
