from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "masthead.appeals"
    label = "appeals"
    verbose_name = "Appeals"

    def ready(self):
        from masthead.appeals.banner import APPEAL_BANNER
        from masthead.core.pieces import pieces
        from masthead.core.versions import bump_on_change

        # The banner is a piece filled as each page is sent (breaking.banner fills it, since
        # the two share the top of the page): an appeal or a donation changes no kept page.
        pieces.register(APPEAL_BANNER)
        for model in (self.get_model("Campaign"), self.get_model("Donation")):
            bump_on_change(model, ("appeal",), uid="appeals")
