"""The demo paper's offer and trial: WELCOME50 (half price for three months) and a 14-day trial."""

from __future__ import annotations

from masthead.offers.models import Offer
from masthead.offers.rules import Duration
from masthead.subscriptions.models import Plan


def create_demo_offers() -> Offer:
    """The monthly plan gets a 14-day trial; WELCOME50 takes half off it for three months."""
    monthly = Plan.objects.filter(name="Digital, monthly").first()
    if monthly is not None and not monthly.trial_days:
        monthly.trial_days = 14
        monthly.save(update_fields=["trial_days"])
    offer, created = Offer.objects.get_or_create(
        code="WELCOME50",
        defaults={
            "name": "Welcome: half price for three months",
            "slug": "welcome",
            "percent_off": 50,
            "duration": Duration.REPEATING,
            "duration_in_months": 3,
            "max_redemptions": 500,
        },
    )
    if created and monthly is not None:
        offer.plans.add(monthly)
    return offer
