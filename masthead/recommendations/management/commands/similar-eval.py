"""``masthead similar-eval --corpus FILE.jsonl --label story_id``: leave-one-out quality.

Its one name has a hyphen, as ``make eval`` and the manual spell it: Django
finds commands by file name, so this file is the command.
"""

from django.core.management.base import BaseCommand

from masthead.recommendations.cli import add_eval_arguments, run_eval
from masthead.recommendations.management.commands._streams import run_offline


class Command(BaseCommand):
    help = "Print leave-one-out P@5, P@10 and nDCG@10 of similar stories for a labelled corpus."

    def add_arguments(self, parser):
        add_eval_arguments(parser)

    def handle(self, *args, **options):
        run_offline(
            run_eval,
            self,
            corpus=options["corpus"],
            label=options["label"],
            no_body=options["no_body"],
            engine=options["engine"],
        )
