"""``/offers/<slug>/``: an offer's own page, and the offer a code names on ``/subscribe/``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from masthead.core.limits import check_limit
from masthead.edge.delivery import PRIVATE
from masthead.offers.models import Offer
from masthead.offers.services import find_offer, offer_refusal, plan_prices


def _active_plans():
    from masthead.subscriptions.models import Plan

    return Plan.objects.filter(active=True)


@require_safe
def offer_page(request, slug: str):
    """The plan's real price struck through beside the offer's; a spent offer says so, plainly."""
    offer = get_object_or_404(Offer, slug=slug)
    why = offer_refusal(offer)
    plans = _active_plans()
    if why is None:
        chosen = set(offer.plans.values_list("pk", flat=True))
        plans = [plan for plan in plans if not chosen or plan.pk in chosen]
    response = TemplateResponse(
        request,
        "offers/offer.html",
        {
            "the_offer": offer,
            "refusal": why.message if why else "",
            "plans": plans,
            "plan_prices": plan_prices(plans, user=request.user, offer=None if why else offer),
            "offer_key": "" if why else offer.code,
            "offer": True,  # the appeal does not compete with the plans on this page
        },
    )
    # The reader's own: their trial depends on their history, the form carries their token.
    response["Cache-Control"] = PRIVATE
    return response


def subscribe_offer_context(request, plans) -> dict:
    """What ``/subscribe/`` shows of an offer code the reader typed (``?code=``)."""
    code = (request.GET.get("code") or "").strip()[:40]
    if code:
        check_limit(request, "offer_code")  # codes are not to be guessed by trying them all
    offer = find_offer(code) if code else None
    message = ""
    if code and offer is None:
        message = f"No offer has the code “{code}”. Check it and try again."
    elif offer is not None:
        why = offer_refusal(offer)
        if why is not None:
            message, offer = f"{offer.name}: {why.message}", None
    return {
        "offer_code": code,
        "offer_message": message,
        "applied_offer": offer,
        "offer_key": offer.code if offer else "",
        "plan_prices": plan_prices(plans, user=request.user, offer=offer),
    }
