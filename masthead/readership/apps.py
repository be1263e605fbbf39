from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    name = "masthead.readership"
    label = "readership"
    verbose_name = "Readership"

    def ready(self):
        from masthead.paywall.extensions import article_read
        from masthead.readership.counter import count_read

        article_read.connect(count_read, dispatch_uid="readership-most-read")
