from django.core.management.base import BaseCommand, CommandError

from masthead.offers.stripe_sync import offer_to_stripe, offers_pending_at_stripe, stripe_in_use


class Command(BaseCommand):
    help = (
        "Send to Stripe the offers it has not confirmed yet (a coupon and a promotion code each)."
    )

    def handle(self, *args, **options):
        if not stripe_in_use():
            raise CommandError("Stripe is not in use here (MASTHEAD_STRIPE_SECRET_KEY is not set).")
        pending = list(offers_pending_at_stripe())
        failed = 0
        for offer in pending:
            if offer_to_stripe(offer):
                self.stdout.write(f"{offer.code}: at Stripe")
            else:
                failed += 1
                self.stderr.write(f"{offer.code}: {offer.stripe_status}")
        self.stdout.write(f"{len(pending) - failed} of {len(pending)} offers sent to Stripe.")
        if failed:
            raise SystemExit(1)
