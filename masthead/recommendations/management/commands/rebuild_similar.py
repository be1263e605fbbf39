"""``masthead rebuild_similar``: the site's similar-stories lists, recomputed from the archive.

Publishing keeps the lists current (the background worker updates them); this
rebuilds them all at once, here and now: after an import, a change of engine
(``MASTHEAD_SIMILAR_EMBEDDINGS``) or anything done to the database by hand.
"""

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rebuild every published story's similar stories from the whole archive."

    def handle(self, *args, **options):
        from masthead.recommendations.services import rebuild_similar

        began = time.perf_counter()

        def progress(step: str) -> None:
            self.stdout.write(f"{time.perf_counter() - began:7.1f} s  {step}")

        stored = rebuild_similar(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Similar stories rebuilt for {stored:,} published "
                f"{'story' if stored == 1 else 'stories'} in {time.perf_counter() - began:.1f} s."
            )
        )
