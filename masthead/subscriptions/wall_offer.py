"""The paper's own offer at the wall, handed to the access service, and the plan shown first.

The access service asks ``paywall.extensions.offer_defaults`` for the offer
it shows without a test (and to a test's holdout); the answer is read once
per change to the offer or the plans. ``/subscribe/?first=<plan id>`` puts
that plan first, so a reader who follows the wall's button sees the plan
their offer named; with no ``first`` the paper's own first plan leads.
"""

from __future__ import annotations

from collections.abc import Iterable

from masthead.core.kept import kept_until_changed
from masthead.paywall.extensions import OfferCopy, default_offer

TAG = "wall-offer"


def the_wall_offer():
    """The one set of the offer's words (made empty, so the usual words show, if none yet)."""
    from masthead.subscriptions.models import WallOffer

    return WallOffer.objects.order_by("pk").first() or WallOffer.objects.create()


@kept_until_changed(TAG, "rules")
def paper_offer() -> OfferCopy | None:
    """The paper's own offer as plain values; a plan no longer on sale is left out."""
    from masthead.subscriptions.models import WallOffer

    offer = WallOffer.objects.select_related("first_plan").order_by("pk").first()
    if offer is None:
        return None
    plan = offer.first_plan
    return OfferCopy(
        text=offer.text,
        button=offer.button,
        first_plan=plan.pk if plan is not None and plan.active else None,
        suggested_pence=offer.suggested_pence,
    )


def first_plan_asked(value: str | None) -> int | None:
    """The plan id in ``?first=``; anything else is no choice at all."""
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def plans_in_offer_order(plans: Iterable, first: int | None) -> list:
    """``plans`` in their order, with ``first`` (else the paper's own first plan) leading."""
    plans = list(plans)
    first = first if first is not None else default_offer().first_plan
    leading = [plan for plan in plans if plan.pk == first]
    return leading + [plan for plan in plans if plan.pk != first]
