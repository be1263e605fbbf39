"""``/account/``: the reader's subscription, billing, donations, their data and leaving."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from masthead.accounts.services import reader_data_export, reader_delete
from masthead.payments.providers import get_payment_provider
from masthead.payments.providers.base import ProviderRefused
from masthead.subscriptions.models import Subscription, is_subscriber


@login_required
@require_safe
def account(request):
    from masthead.appeals.selectors import donations_for_user

    subscriptions = Subscription.objects.filter(user=request.user).order_by("-created_at")
    return TemplateResponse(
        request,
        "account/account.html",
        {
            "subscriptions": subscriptions,
            # A complimentary subscription has nothing to bill: no billing button for it alone.
            "billed": any(s.status != Subscription.Status.COMPLIMENTARY for s in subscriptions),
            "subscriber": is_subscriber(request.user),
            "donations": donations_for_user(request.user),
        },
    )


@login_required
@require_POST
def billing(request):
    paid_for = Subscription.objects.filter(user=request.user).exclude(
        status=Subscription.Status.COMPLIMENTARY
    )
    if not paid_for.exists():
        messages.info(request, "You have no subscription to manage yet.")
        return redirect("account")
    url = get_payment_provider().billing_portal_url(
        user_id=request.user.pk, return_url=request.build_absolute_uri(reverse("account"))
    )
    return redirect(url)


@login_required
@require_safe
def export(request):
    data = reader_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-masthead-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    if request.method == "POST":
        if request.POST.get("confirm_email", "").strip().lower() != request.user.email.lower():
            # Said beside the box it is about, not at the top of the page.
            mismatch = "Type your email address exactly as it is on your account."
            return TemplateResponse(
                request, "account/delete.html", {"mismatch": mismatch}, status=400
            )
        try:
            stopped = reader_delete(user=request.user)
        except ProviderRefused as refusal:
            messages.error(
                request,
                f"We could not cancel your payments with {refusal.provider} "
                f"({refusal.reason}), so your account has not been deleted and nothing "
                "else has changed. Please try again in a few minutes.",
            )
            return TemplateResponse(request, "account/delete.html", status=503)
        logout(request)
        return TemplateResponse(request, "account/deleted.html", {"stopped": len(stopped)})
    return TemplateResponse(request, "account/delete.html")
