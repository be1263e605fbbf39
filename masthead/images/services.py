import io

from django.core.files.images import ImageFile

from masthead.images.models import MastheadImage, require_alt_text


def image_create(
    *, title: str, content: bytes, filename: str, alt_text: str, caption: str = "", credit: str = ""
) -> MastheadImage:
    """Add a picture to the library; alt text is required here as in the admin."""
    image = MastheadImage(title=title, alt_text=alt_text, caption=caption, credit=credit)
    require_alt_text(image)
    image.file = ImageFile(io.BytesIO(content), name=filename)
    image.save()
    return image
