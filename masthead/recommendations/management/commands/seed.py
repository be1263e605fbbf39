"""``masthead seed --articles 100000``: a large synthetic paper for scale measurements."""

import time

from django.core.management.base import BaseCommand, CommandError

from masthead.recommendations.seeding import seed_articles
from masthead.recommendations.services import rebuild_similar


class Command(BaseCommand):
    help = "Fill the database with synthetic published articles across twelve sections."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument(
            "--no-similar", action="store_true", help="skip computing similar stories"
        )

    def handle(self, *args, **options):
        if options["articles"] < 1:
            raise CommandError("--articles must be at least 1")
        began = time.perf_counter()
        try:
            seed_articles(options["articles"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Seeded {options['articles']:,} articles in {time.perf_counter() - began:.1f} s"
        )
        if not options["no_similar"]:
            began = time.perf_counter()
            stored = rebuild_similar()
            self.stdout.write(
                f"Similar stories for {stored:,} articles in {time.perf_counter() - began:.1f} s"
            )
