from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "masthead.images"
    label = "images"
    verbose_name = "Images"

    def ready(self):
        from django.db.models.signals import post_save

        from masthead.core.versions import bump_on_change
        from masthead.images import renditions

        post_save.connect(
            renditions.on_image_saved,
            sender=self.get_model("MastheadImage"),
            dispatch_uid="renditions",
        )
        # An edited image shows wherever it is used; a new one nowhere yet, and the
        # sizes Wagtail fills in as it is first rendered change nothing a reader sees.
        bump_on_change(
            self.get_model("MastheadImage"), ("site",), uid="images", skip=unseen_image_change
        )


# Fields Wagtail fills in as images are first rendered: nothing a reader sees.
IMAGE_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def unseen_image_change(instance, created, update_fields) -> bool:
    return created or bool(update_fields and set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS)
