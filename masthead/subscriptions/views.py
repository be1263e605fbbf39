"""``/subscribe/``: the plans, and the start of a checkout with the provider in use."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from masthead.payments.providers import get_payment_provider
from masthead.payments.providers.base import ProviderRefused, SubscriptionCheckout
from masthead.subscriptions.models import Plan, is_subscriber
from masthead.subscriptions.wall_offer import first_plan_asked, plans_in_offer_order


@require_safe
def subscribe(request):
    from masthead.offers.views import subscribe_offer_context

    first = first_plan_asked(request.GET.get("first"))
    plans = plans_in_offer_order(Plan.objects.filter(active=True), first)
    return TemplateResponse(
        request,
        "subscriptions/subscribe.html",
        {
            "plans": plans,
            "already": is_subscriber(request.user),
            "offer": True,  # the appeal does not compete with the plans on this page
            **subscribe_offer_context(request, plans),  # prices, and an offer code typed in
        },
    )


@login_required
@require_POST
def start_checkout(request, plan_id: int):
    plan = get_object_or_404(Plan, pk=plan_id, active=True)
    quantity = 1
    if plan.sold_by_seat:
        from masthead.groups.rules import SeatCountError, seat_count

        try:
            quantity = seat_count(request.POST.get("seats", ""))
        except SeatCountError as error:
            messages.error(request, f"{plan.name}: {error}")
            return redirect("subscribe")
    from masthead.offers.services import OfferRefused, checkout_terms

    offer_key = request.POST.get("offer", "")
    try:  # the reader's trial, and the offer they came with, checked now
        terms = checkout_terms(user_id=request.user.pk, plan=plan, offer_key=offer_key)
    except OfferRefused as refused:
        messages.error(request, f"{plan.name}: {refused}")
        return redirect(reverse("subscribe") + "?" + urlencode({"code": offer_key}))
    checkout = SubscriptionCheckout(
        user_id=request.user.pk,
        email=request.user.email,
        plan_id=plan.pk,
        success_url=request.build_absolute_uri(reverse("subscribe-welcome")),
        cancel_url=request.build_absolute_uri(reverse("subscribe")),
        quantity=quantity,
        trial_days=terms.trial_days,
        offer_id=terms.offer_id,
    )
    try:
        return redirect(get_payment_provider().start_subscription_checkout(checkout))
    except ProviderRefused as refused:
        messages.error(request, f"{plan.name}: {refused.reason}. Nothing was charged.")
        return redirect("subscribe")


@require_safe
def welcome(request):
    return TemplateResponse(
        request, "subscriptions/welcome.html", {"subscribed": is_subscriber(request.user)}
    )
