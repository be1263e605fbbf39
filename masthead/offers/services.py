"""Offers and trials at work: finding an offer, the terms of a checkout, recording a redemption."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from masthead.offers.models import Offer, Redemption
from masthead.offers.rules import Refusal, describe, refusal, trial_days_for


class OfferRefused(Exception):
    """The offer cannot be used now: ``refusal`` says why, in words a reader can read."""

    def __init__(self, why: Refusal):
        super().__init__(why.message)
        self.why = why


def find_offer(key: str) -> Offer | None:
    """The offer a reader named by its code (any case) or by its link's slug."""
    key = (key or "").strip()
    if not key:
        return None
    return Offer.objects.filter(code=key.upper()).first() or Offer.objects.filter(slug=key).first()


def offer_refusal(offer: Offer, *, plan_id: int | None = None, now=None) -> Refusal | None:
    """Why ``offer`` cannot be used now (on ``plan_id``); None when it can."""
    return refusal(
        active=offer.active,
        ends_at=offer.ends_at,
        max_redemptions=offer.max_redemptions,
        redeemed=offer.redemptions.count() if offer.max_redemptions is not None else 0,
        plan_ids=set(offer.plans.values_list("pk", flat=True)),
        plan_id=plan_id,
        now=now or timezone.now(),
    )


def had_subscription(user_id: int | None) -> bool:
    from masthead.subscriptions.models import Subscription

    return user_id is not None and Subscription.objects.filter(user_id=user_id).exists()


def had_subscription_before(*, user_id: int | None, reference: str) -> bool:
    """Whether the reader had a subscription before the one ``reference`` names.

    Checked again when a checkout that carries a trial completes: two checkouts
    opened before either was confirmed both carry one, and only the first
    subscription recorded may keep it. A subscription not yet recorded comes
    after all the reader's others.
    """
    from masthead.subscriptions.models import Subscription

    if user_id is None:
        return False
    others = Subscription.objects.filter(user_id=user_id).exclude(provider_reference=reference)
    this = Subscription.objects.filter(provider_reference=reference).first()
    if this is not None:
        others = others.filter(pk__lt=this.pk)
    return others.exists()


TRIAL_USED = (
    "You have had your free trial already, so this checkout, opened with one, "
    "cannot be confirmed. Nothing was recorded and nothing was charged: "
    "choose a plan again to subscribe at its price."
)


@dataclass(frozen=True)
class CheckoutTerms:
    trial_days: int = 0
    offer_id: int | None = None


def checkout_terms(*, user_id: int, plan, offer_key: str = "") -> CheckoutTerms:
    """The trial and the offer a checkout for ``plan`` carries; raises OfferRefused.

    The cap is checked here, against the redemptions confirmed so far; Stripe's
    own ``max_redemptions`` stops checkouts racing past it.
    """
    offer = None
    if offer_key:
        offer = find_offer(offer_key)
        if offer is None:
            raise OfferRefused(Refusal.INACTIVE)
        why = offer_refusal(offer, plan_id=plan.pk)
        if why is not None:
            raise OfferRefused(why)
    days = trial_days_for(
        plan_trial_days=plan.trial_days,
        had_subscription=had_subscription(user_id),
        with_offer=offer is not None,
    )
    return CheckoutTerms(trial_days=days, offer_id=offer.pk if offer else None)


@dataclass(frozen=True)
class PlanPrice:
    """A plan as the reader would pay for it: the full price, and the offer's when one applies."""

    plan: object
    full: str  # "£9 a month", or "14 days free, then £9 a month"
    offered: str = ""  # "£4.50 a month for 3 months, then £9 a month"


def plan_prices(plans, *, user=None, offer: Offer | None = None) -> dict[int, PlanPrice]:
    """Each plan's price in words for this reader, with ``offer`` applied where it may be."""
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    had = had_subscription(user_id)
    offer_plans = set(offer.plans.values_list("pk", flat=True)) if offer else set()
    prices = {}
    for plan in plans:
        applies = offer is not None and (not offer_plans or plan.pk in offer_plans)
        days = trial_days_for(
            plan_trial_days=plan.trial_days, had_subscription=had, with_offer=False
        )
        seat = plan.sold_by_seat
        full = describe(
            price_pence=plan.price_pence, interval=plan.interval, trial_days=days, per_seat=seat
        )
        offered = ""
        if applies:
            offered = describe(
                price_pence=plan.price_pence,
                interval=plan.interval,
                terms=offer.terms,
                per_seat=seat,
            )
        prices[plan.pk] = PlanPrice(plan=plan, full=full, offered=offered)
    return prices


def checkout_price(checkout: dict, plan) -> str:
    """What a checkout (the demo provider's token) will charge, in words."""
    offer = Offer.objects.filter(pk=checkout.get("offer_id")).first()
    return describe(
        price_pence=plan.price_pence,
        interval=plan.interval,
        terms=offer.terms if offer else None,
        trial_days=checkout.get("trial_days") or 0,
    )


@transaction.atomic
def offer_hold(*, offer_id: int, plan_id: int, reference: str) -> None:
    """Before a confirmation records a redemption: raises OfferRefused when the offer is spent.

    The offer's row is locked, so two confirmations cannot both take its last
    place; a confirmation already recorded (the same page confirmed twice) passes.
    """
    offer = Offer.objects.select_for_update().filter(pk=offer_id).first()
    if offer is None:
        raise OfferRefused(Refusal.INACTIVE)
    if Redemption.objects.filter(offer=offer, subscription__provider_reference=reference).exists():
        return
    why = offer_refusal(offer, plan_id=plan_id)
    if why is not None:
        raise OfferRefused(why)


@transaction.atomic
def redemption_record(*, offer_id: int, subscription) -> Redemption | None:
    """Record that ``subscription`` used the offer; once, however often it is confirmed."""
    if not Offer.objects.filter(pk=offer_id).exists():
        return None
    redemption, _ = Redemption.objects.get_or_create(
        subscription=subscription, defaults={"offer_id": offer_id}
    )
    return redemption


def _stripe_id(value) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def redemption_from_stripe_session(session: dict, subscription) -> Redemption | None:
    """The offer a completed Stripe Checkout used (by promotion code, coupon or our note)."""
    for discount in session.get("discounts") or []:
        promotion = _stripe_id(discount.get("promotion_code"))
        coupon = _stripe_id(discount.get("coupon"))
        offer = None
        if promotion:
            offer = Offer.objects.filter(stripe_promotion_code_id=promotion).first()
        if offer is None and coupon:
            offer = Offer.objects.filter(stripe_coupon_id=coupon).first()
        if offer is not None:
            return redemption_record(offer_id=offer.pk, subscription=subscription)
    noted = str((session.get("metadata") or {}).get("offer_id", ""))
    if noted.isdigit():
        return redemption_record(offer_id=int(noted), subscription=subscription)
    return None
