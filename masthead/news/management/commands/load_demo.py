"""``masthead load_demo``: The Daily Lantern, told in one summary line.

What the demo records on the way (a hundred donations, sign-ups, payments) is
logged by the services at INFO, one line each; while the demo loads only
warnings are shown, unless ``-v 2`` asks for everything.
"""

import logging
from contextlib import contextmanager

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
        with _quiet("masthead", unless=options["verbosity"] >= 2):
            summary = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo paper: {summary.sections} sections, {summary.articles} articles, "
                f"{summary.images} images, {summary.accounts} demo accounts "
                f"(password {DEMO_PASSWORD})."
            )
        )


@contextmanager
def _quiet(name: str, *, unless: bool):
    logger = logging.getLogger(name)
    previous = logger.level
    if not unless:
        logger.setLevel(max(previous, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(previous)
