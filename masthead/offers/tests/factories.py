from decimal import Decimal

from masthead.offers.models import Offer, Redemption
from masthead.subscriptions.models import Plan, Subscription


def make_plan(**overrides) -> Plan:
    values = {
        "name": "Digital, monthly",
        "price_pence": 900,
        "stripe_price_id": "price_monthly",
        "trial_days": 0,
    }
    values.update(overrides)
    return Plan.objects.create(**values)


def make_offer(*, plans=(), **overrides) -> Offer:
    values = {
        "name": "Welcome: half price for three months",
        "code": "WELCOME50",
        "slug": "welcome",
        "percent_off": Decimal(50),
        "duration": "repeating",
        "duration_in_months": 3,
    }
    values.update(overrides)
    offer = Offer.objects.create(**values)
    offer.plans.add(*plans)
    return offer


def redeem(offer: Offer, user, reference: str) -> Redemption:
    subscription = Subscription.objects.create(
        user=user, status="active", provider_reference=reference, plan_name="Digital"
    )
    return Redemption.objects.create(offer=offer, subscription=subscription)
