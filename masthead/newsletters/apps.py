from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from masthead.core.pieces import pieces
        from masthead.core.versions import bump_on_change
        from masthead.newsletters import webhooks  # noqa: F401 - connects anymail's tracking signal
        from masthead.newsletters.prompt import NEWSLETTER_PROMPT, TAG, piece_values

        # The sign-up prompt at the end of stories is a piece filled as each page is sent:
        # its words, or a test of them, change no kept page.
        pieces.register(NEWSLETTER_PROMPT)
        pieces.fills(piece_values)
        bump_on_change(self.get_model("Newsletter"), (TAG,), uid="newsletters")
