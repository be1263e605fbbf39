"""Both providers keep the same small contract; the demo one says no money moves."""

from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.payments.providers import get_payment_provider
from masthead.payments.providers.base import SubscriptionCheckout
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import BillingAccount, Plan, Subscription, is_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    return Plan.objects.create(
        name="Digital, monthly", price_pence=900, stripe_price_id="price_monthly"
    )


@pytest.fixture
def reader(db):
    return make_reader("payer@example.com")


def checkout_for(reader, plan):
    return SubscriptionCheckout(
        user_id=reader.pk,
        email=reader.email,
        plan_id=plan.pk,
        success_url="http://testserver/subscribe/welcome/",
        cancel_url="http://testserver/subscribe/",
    )


def test_stripe_checkout_creates_the_customer_once_and_a_session_for_the_plans_price(
    stripe_api, reader, plan
):
    stripe_api.expect_request("/v1/customers", method="POST").respond_with_json(
        {"id": "cus_42", "object": "customer"}
    )
    stripe_api.expect_request("/v1/checkout/sessions", method="POST").respond_with_json(
        {"id": "cs_1", "object": "checkout.session", "url": "https://checkout.stripe.test/c/cs_1"}
    )
    url = get_payment_provider().start_subscription_checkout(checkout_for(reader, plan))
    assert url == "https://checkout.stripe.test/c/cs_1"
    session_request = [r for r, _ in stripe_api.log if r.path == "/v1/checkout/sessions"][0]
    form = parse_qs(session_request.get_data(as_text=True))
    assert form["mode"] == ["subscription"] and form["customer"] == ["cus_42"]
    assert form["line_items[0][price]"] == ["price_monthly"]
    assert form["client_reference_id"] == [str(reader.pk)]
    assert session_request.headers["Authorization"] == "Bearer sk_test_masthead"
    assert BillingAccount.objects.get(user=reader).stripe_customer_id == "cus_42"
    # A second checkout reuses the customer.
    stripe_api.expect_request("/v1/checkout/sessions", method="POST").respond_with_json(
        {"id": "cs_2", "object": "checkout.session", "url": "https://checkout.stripe.test/c/cs_2"}
    )
    get_payment_provider().start_subscription_checkout(checkout_for(reader, plan))
    assert sum(r.path == "/v1/customers" for r, _ in stripe_api.log) == 1


def test_stripe_billing_portal(stripe_api, reader):
    BillingAccount.objects.create(user=reader, stripe_customer_id="cus_42")
    stripe_api.expect_request("/v1/billing_portal/sessions", method="POST").respond_with_json(
        {
            "id": "bps_1",
            "object": "billing_portal.session",
            "url": "https://billing.stripe.test/p/1",
        }
    )
    url = get_payment_provider().billing_portal_url(
        user_id=reader.pk, return_url="http://testserver/account/"
    )
    assert url == "https://billing.stripe.test/p/1"


def test_the_demo_provider_completes_a_subscription_locally_and_says_no_money_moves(
    client, reader, plan
):
    client.login(email=reader.email, password=PASSWORD)
    page = client.get("/subscribe/")
    assert b"No card is asked for and no money moves" in page.content
    start = client.post(f"/subscribe/{plan.pk}/checkout/")
    assert start.status_code == 302 and start["Location"].startswith("/payments/demo/checkout/")
    checkout = client.get(start["Location"])
    assert b"no money moves" in checkout.content
    assert not is_subscriber(reader)
    done = client.post(start["Location"])
    assert done["Location"] == "http://testserver/subscribe/welcome/"
    assert is_subscriber(reader)
    client.post(start["Location"])  # confirming twice acts once
    assert Subscription.objects.filter(user=reader).count() == 1
    assert Subscription.objects.get(user=reader).plan == plan


def test_a_tampered_demo_checkout_is_refused_and_records_nothing(client, reader, plan):
    client.login(email=reader.email, password=PASSWORD)
    start = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    tampered = start.replace("/checkout/", "/checkout/x", 1)
    assert client.post(tampered).status_code == 400
    assert not Subscription.objects.exists()


def test_the_demo_portal_cancels_at_the_end_of_the_period(client, reader, plan):
    client.login(email=reader.email, password=PASSWORD)
    start = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    client.post(start)
    portal = client.post("/account/billing/")
    assert portal["Location"] == "/payments/demo/portal/"
    client.post("/payments/demo/portal/")
    subscription = Subscription.objects.get(user=reader)
    assert subscription.cancel_at_period_end and is_subscriber(reader)
    assert b"ends on" in client.get("/account/").content


def test_checkout_needs_an_account(client, plan):
    response = client.post(f"/subscribe/{plan.pk}/checkout/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_production_settings_refuse_the_demo_provider(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("MASTHEAD_SECRET_KEY", "x" * 50)
    monkeypatch.delenv("MASTHEAD_STRIPE_SECRET_KEY", raising=False)
    monkeypatch.delenv("MASTHEAD_ALLOW_DEMO_PAYMENTS", raising=False)
    sys.modules.pop("masthead.settings.production", None)
    with pytest.raises(ImproperlyConfigured, match="Production needs Stripe"):
        importlib.import_module("masthead.settings.production")
    sys.modules.pop("masthead.settings.production", None)
