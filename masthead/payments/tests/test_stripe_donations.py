"""Donations through Stripe: one-off by checkout, monthly by paid invoice, each recorded once."""

import pytest

from masthead.appeals.models import Donation
from masthead.appeals.selectors import appeal_progress
from masthead.appeals.tests.factories import make_campaign
from masthead.payments.tests.stripe_standin import event, signed, subscription

pytestmark = pytest.mark.django_db
URL = "/payments/stripe/webhook/"


def deliver(client, evt):
    payload, signature = signed(evt)
    return client.post(
        URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


def test_a_one_off_donation_is_recorded_once_and_the_total_moves(
    client, stripe_api, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = make_campaign()
    session = {
        "id": "cs_d1",
        "object": "checkout.session",
        "mode": "payment",
        "payment_status": "paid",
        "amount_total": 1000,
        "currency": "gbp",
        "payment_intent": "pi_d1",
        "customer_details": {"email": "giver@example.com"},
        "metadata": {
            "kind": "donation",
            "campaign_id": str(campaign.pk),
            "email": "giver@example.com",
        },
    }
    evt = event("evt_d1", "checkout.session.completed", session)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, evt).status_code == 200
        assert deliver(client, evt).content == b"already processed"
    donation = Donation.objects.get()
    assert (donation.amount_pence, donation.monthly, donation.reference) == (1000, False, "pi_d1")
    assert appeal_progress(campaign).raised_pence == 1000
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["giver@example.com"]


def test_an_unpaid_checkout_records_nothing(client, stripe_api):
    campaign = make_campaign()
    session = {
        "id": "cs_u",
        "object": "checkout.session",
        "mode": "payment",
        "payment_status": "unpaid",
        "amount_total": 1000,
        "currency": "gbp",
        "metadata": {"kind": "donation", "campaign_id": str(campaign.pk)},
    }
    assert deliver(client, event("evt_u", "checkout.session.completed", session)).status_code == 200
    assert not Donation.objects.exists()


def test_each_paid_invoice_of_a_monthly_donation_is_one_donation(client, stripe_api):
    campaign = make_campaign()
    sub = subscription(
        "sub_don",
        status="active",
        metadata={
            "kind": "donation",
            "campaign_id": str(campaign.pk),
            "email": "monthly@example.com",
        },
    )
    stripe_api.expect_request("/v1/subscriptions/sub_don", method="GET").respond_with_json(sub)
    for n in (1, 2):
        invoice = {
            "id": f"in_{n}",
            "object": "invoice",
            "amount_paid": 500,
            "currency": "gbp",
            "customer_email": "monthly@example.com",
            "parent": {"subscription_details": {"subscription": "sub_don"}},
        }
        assert deliver(client, event(f"evt_in_{n}", "invoice.paid", invoice)).status_code == 200
        assert (
            deliver(client, event(f"evt_in_{n}_again", "invoice.paid", invoice)).status_code == 200
        )
    assert Donation.objects.filter(monthly=True).count() == 2
    progress = appeal_progress(campaign)
    assert progress.raised_pence == 1000 and progress.supporters == 1
    # A monthly donation never makes its donor a subscriber.
    from masthead.subscriptions.models import Subscription

    assert not Subscription.objects.exists()
