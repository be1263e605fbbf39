from django.core.management.base import BaseCommand

from masthead.news.demo.loader import DEMO_PASSWORD, load_demo
from masthead.news.models import ArticlePage, SectionPage


class Command(BaseCommand):
    help = "Load the demo newspaper, The Daily Lantern, into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the paper already has sections or articles.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if SectionPage.objects.exists() or ArticlePage.objects.exists():
            if if_empty:
                self.stdout.write("The paper already has content; the demo was not loaded.")
                return
            self.stderr.write("The paper already has content. Use an empty database for the demo.")
            raise SystemExit(1)
        summary = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo paper: {summary.sections} sections, {summary.articles} articles, "
                f"{summary.images} images, {summary.accounts} demo accounts "
                f"(password {DEMO_PASSWORD})."
            )
        )
