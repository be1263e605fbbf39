"""``masthead similar --corpus FILE.jsonl --k 10 [--explain] [--id ID]``: similar articles.

One JSONL line per article; with ``--explain`` each similar article comes with its reasons.
"""

from django.core.management.base import BaseCommand

from masthead.recommendations.cli import add_similar_arguments, run_similar
from masthead.recommendations.management.commands._streams import run_offline


class Command(BaseCommand):
    help = "For each article of a JSONL corpus, print its most similar others as JSONL."

    def add_arguments(self, parser):
        add_similar_arguments(parser)

    def handle(self, *args, **options):
        run_offline(
            run_similar,
            self,
            corpus=options["corpus"],
            k=options["k"],
            explain=options["explain"],
            article=options["article"],
        )
