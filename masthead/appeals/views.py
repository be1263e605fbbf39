"""The support page and the thank-you page.

Thin on purpose: the view reads the running appeal and its progress through
the selectors, validates the form, and hands the donation to the payment
provider's checkout. Nothing is recorded here: the provider's confirmation
records the donation (``donation_record``), so a reader who abandons the
checkout leaves no trace in the totals.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from masthead.appeals.forms import DonationForm
from masthead.appeals.selectors import appeal_progress, live_campaign, running_appeal
from masthead.payments.providers import get_payment_provider
from masthead.payments.providers.base import DonationCheckout

log = logging.getLogger(__name__)

PROVIDER_UNREACHABLE = (
    "We could not reach the payment service just now, and nothing was taken. "
    "Please try again in a minute."
)


@require_http_methods(["GET", "HEAD", "POST"])
def support(request: HttpRequest) -> HttpResponse:
    provider = get_payment_provider()
    appeal = running_appeal()
    context = {"appeal": appeal, "moves_money": provider.moves_money}
    if appeal is None:
        return TemplateResponse(request, "appeals/support.html", context)
    data = request.POST if request.method == "POST" else None
    asked = request.GET.get("amount", "")  # pence, from the wall's offer
    chosen = int(asked) if asked.isdigit() and len(asked) < 8 else None
    form = DonationForm(
        data, suggested_pounds=appeal.suggested_pounds, user=request.user, chosen_pence=chosen
    )
    if form.is_bound and form.is_valid():
        checkout = DonationCheckout(
            campaign_id=appeal.pk,
            amount_pence=form.amount_pence,
            currency="gbp",
            monthly=form.monthly,
            email=form.cleaned_data["email"],
            user_id=request.user.pk if request.user.is_authenticated else None,
            success_url=request.build_absolute_uri(
                f"{reverse('appeals:thanks')}?campaign={appeal.pk}"
            ),
            cancel_url=request.build_absolute_uri(reverse("appeals:support")),
        )
        try:
            return redirect(provider.start_donation_checkout(checkout))
        except Exception:
            # Whatever the provider's library raises, the reader gets the form back with
            # their choices and a plain message; the log keeps the details.
            log.exception("Could not start a donation checkout for appeal %s", appeal.pk)
            form.add_error(None, PROVIDER_UNREACHABLE)
    context.update(form=form, progress=appeal_progress(appeal))
    return TemplateResponse(request, "appeals/support.html", context)


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    """Where the checkout sends the reader back. It thanks them; it records nothing."""
    appeal = None
    campaign_id = request.GET.get("campaign", "")
    if campaign_id.isascii() and campaign_id.isdigit() and len(campaign_id) < 19:
        appeal = live_campaign(int(campaign_id))
    appeal = appeal or running_appeal()
    context = {
        "appeal": appeal,
        "progress": appeal_progress(appeal) if appeal else None,
        "moves_money": get_payment_provider().moves_money,
    }
    return TemplateResponse(request, "appeals/thanks.html", context)
