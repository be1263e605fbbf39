"""``/subscribe/``: the plans, and the start of a checkout with the provider in use."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from masthead.payments.providers import get_payment_provider
from masthead.payments.providers.base import SubscriptionCheckout
from masthead.subscriptions.models import Plan, is_subscriber


@require_safe
def subscribe(request):
    return TemplateResponse(
        request,
        "subscriptions/subscribe.html",
        {
            "plans": Plan.objects.filter(active=True),
            "already": is_subscriber(request.user),
            "offer": True,  # the appeal does not compete with the plans on this page
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
    checkout = SubscriptionCheckout(
        user_id=request.user.pk,
        email=request.user.email,
        plan_id=plan.pk,
        success_url=request.build_absolute_uri(reverse("subscribe-welcome")),
        cancel_url=request.build_absolute_uri(reverse("subscribe")),
        quantity=quantity,
    )
    return redirect(get_payment_provider().start_subscription_checkout(checkout))


@require_safe
def welcome(request):
    return TemplateResponse(
        request, "subscriptions/welcome.html", {"subscribed": is_subscriber(request.user)}
    )
