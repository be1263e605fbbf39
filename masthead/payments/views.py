"""Thin views over the payment providers: the Stripe webhook and the demo provider's pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from masthead.payments.providers.demo import read_token
from masthead.payments.webhooks import BadWebhook, process_event, verified_event

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = verified_event(request.body, request.headers.get("Stripe-Signature"))
    except BadWebhook as error:
        log.warning("Refused a Stripe webhook: %s", error)
        return HttpResponseBadRequest("Invalid signature or payload.")
    applied = process_event(event)
    return HttpResponse("ok" if applied else "already processed")


def _demo_only():
    if settings.MASTHEAD_PAYMENT_PROVIDER != "demo":
        raise Http404("The demo provider is not in use.")


@require_http_methods(["GET", "POST"])
def demo_checkout(request, token: str):
    """The demo provider's checkout page: confirm, and the payment is recorded. No money moves."""
    _demo_only()
    try:
        checkout = read_token(token)
    except signing.BadSignature:
        return TemplateResponse(request, "payments/demo_checkout_expired.html", status=400)
    plan = None
    if checkout["kind"] == "subscription":
        from masthead.subscriptions.models import Plan

        plan = Plan.objects.filter(pk=checkout["plan_id"]).first()
        if plan is None:
            return TemplateResponse(request, "payments/demo_checkout_expired.html", status=400)
        from masthead.payments.demo_confirm import (
            CONFIRMED_ALREADY,
            subscription_checkout_confirmed,
        )

        if request.method == "GET" and subscription_checkout_confirmed(token):
            messages.info(request, CONFIRMED_ALREADY)  # nothing to confirm again
            return redirect(checkout["success_url"])
    if request.method == "POST":
        from masthead.offers.services import OfferRefused
        from masthead.payments.demo_confirm import (
            CheckoutDone,
            CheckoutRefused,
            confirm_demo_checkout,
        )

        try:
            confirm_demo_checkout(checkout=checkout, token=token)
        except OfferRefused as refused:  # spent while the reader was on this page
            messages.error(request, f"{refused} Nothing was recorded.")
            return redirect(checkout["cancel_url"])
        except CheckoutRefused as refused:  # a trial used by another checkout meanwhile
            messages.error(request, str(refused))
            return redirect(checkout["cancel_url"])
        except CheckoutDone as done:  # the page confirmed again, or replayed
            messages.info(request, str(done))
            return redirect(checkout["success_url"])
        messages.success(request, confirmation_message(checkout, plan))
        return redirect(checkout["success_url"])
    return TemplateResponse(
        request,
        "payments/demo_checkout.html",
        {"checkout": checkout, "plan": plan, "price_terms": _price_terms(checkout, plan)},
    )


def _price_terms(checkout: dict, plan) -> str:
    """The price in words when a trial or an offer changes it ("14 days free, then £9 a month")."""
    if plan is None or not (checkout.get("trial_days") or checkout.get("offer_id")):
        return ""
    from masthead.offers.services import checkout_price

    return checkout_price(checkout, plan)


def confirmation_message(checkout: dict, plan) -> str:
    if plan is not None and int(checkout.get("quantity") or 1) > 1:
        return (
            f"You are subscribed: {plan.name}, {checkout['quantity']} seats at {plan.price} "
            f"a seat {plan.get_interval_display()}. Invite the members from your account page."
        )
    if plan is not None and _price_terms(checkout, plan):
        return f"You are subscribed: {plan.name}, {_price_terms(checkout, plan)}."
    if plan is not None:
        return f"You are subscribed: {plan.name}, {plan.price} {plan.get_interval_display()}."
    from masthead.appeals.rules import format_pounds

    amount = format_pounds(checkout["amount_pence"]) + (" a month" if checkout["monthly"] else "")
    return f"Thank you: your donation of {amount} is recorded."


@login_required
@require_http_methods(["GET", "POST"])
def demo_portal(request):
    """The demo provider's billing portal: cancel at the end of the period."""
    _demo_only()
    from masthead.subscriptions.models import Subscription

    subscriptions = Subscription.objects.filter(user=request.user, provider="demo").exclude(
        status=Subscription.Status.CANCELED
    )
    if request.method == "POST":
        from masthead.payments.demo_confirm import cancel_demo_subscription

        for subscription in subscriptions:
            cancel_demo_subscription(subscription)
        messages.success(
            request, "Your subscription will end at the close of the period you paid for."
        )
        return redirect("account")
    return TemplateResponse(request, "payments/demo_portal.html", {"subscriptions": subscriptions})
