from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "masthead.images"
    label = "images"
    verbose_name = "Images"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from masthead.images import renditions

        post_save.connect(
            renditions.on_image_saved,
            sender=self.get_model("MastheadImage"),
            dispatch_uid="renditions",
        )
        page_published.connect(
            renditions.on_article_published,
            sender=self.apps.get_model("news", "ArticlePage"),
            dispatch_uid="renditions",
        )
