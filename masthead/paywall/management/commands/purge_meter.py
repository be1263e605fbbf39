from django.core.management.base import BaseCommand

from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period


class Command(BaseCommand):
    help = "Forget which articles readers read in months before this one (run daily or monthly)."

    def handle(self, *args, **options):
        period = current_period()
        removed = meter_store().purge(before_period=period)
        self.stdout.write(f"Removed {removed} meter record(s) from before {period}.")
