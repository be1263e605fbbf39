"""Seats through Stripe, against the local stand-in for its API: checkout, webhooks, changes."""

from urllib.parse import parse_qs

import pytest
from django.test import Client

from masthead.groups.models import Group, Seat
from masthead.groups.services import accept, invitation_token, invite
from masthead.news.tests.factories import make_article, make_section
from masthead.payments.tests.stripe_standin import event, signed, subscription
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import BillingAccount, Plan, Subscription

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture
def seat_plan(db):
    return Plan.objects.create(
        name="Newsroom and union branch",
        price_pence=600,
        sold_by_seat=True,
        stripe_price_id="price_seat",
    )


@pytest.fixture
def buyer(client):
    reader = make_reader("branch@example.org")
    assert client.login(email="branch@example.org", password=PASSWORD)
    return reader


def make_story():
    return make_article(make_section("News"), "Branch votes on the offer")


def with_seats(sub: dict, quantity: int) -> dict:
    sub["items"]["data"][0]["quantity"] = quantity
    return sub


def deliver(client, evt):
    payload, signature = signed(evt)
    return client.post(
        WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


def form_of(stripe_api, path, method="POST"):
    return [
        parse_qs(r.get_data(as_text=True))
        for r, _ in stripe_api.log
        if r.path == path and r.method == method
    ]


def test_checkout_asks_stripe_for_three_seats(client, stripe_api, buyer, seat_plan):
    stripe_api.expect_request("/v1/customers", method="POST").respond_with_json(
        {"id": "cus_9", "object": "customer"}
    )
    stripe_api.expect_request("/v1/checkout/sessions", method="POST").respond_with_json(
        {"id": "cs_1", "object": "checkout.session", "url": "https://checkout.stripe.test/cs_1"}
    )
    response = client.post(f"/subscribe/{seat_plan.pk}/checkout/", {"seats": "3"})
    assert response.status_code == 302 and response.url == "https://checkout.stripe.test/cs_1"
    [form] = form_of(stripe_api, "/v1/checkout/sessions")
    assert form["line_items[0][price]"] == ["price_seat"]
    assert form["line_items[0][quantity]"] == ["3"]


def test_the_webhook_keeps_the_seats_in_step_with_stripe(client, stripe_api, buyer, seat_plan):
    three = with_seats(
        subscription("sub_1", status="active", user_id=buyer.pk, price="price_seat"), 3
    )
    stripe_api.expect_oneshot_request("/v1/subscriptions/sub_1", method="GET").respond_with_json(
        three
    )
    assert (
        deliver(client, event("evt_1", "customer.subscription.created", three)).status_code == 200
    )
    record = Subscription.objects.get(provider_reference="sub_1")
    assert record.quantity == 3 and record.plan == seat_plan

    # Seats added in Stripe's dashboard: the event's copy is stale, Stripe's state wins.
    five = with_seats(
        subscription("sub_1", status="active", user_id=buyer.pk, price="price_seat"), 5
    )
    stripe_api.expect_oneshot_request("/v1/subscriptions/sub_1", method="GET").respond_with_json(
        five
    )
    assert (
        deliver(client, event("evt_2", "customer.subscription.updated", three)).status_code == 200
    )
    assert Subscription.objects.get(provider_reference="sub_1").quantity == 5


@pytest.fixture
def stripe_group(buyer, seat_plan):
    """A Stripe-billed group of three seats: the buyer's and two members'."""
    BillingAccount.objects.create(user=buyer, stripe_customer_id="cus_1")
    record = Subscription.objects.create(
        user=buyer,
        status="active",
        plan=seat_plan,
        provider="stripe",
        provider_reference="sub_1",
        provider_customer="cus_1",
        quantity=3,
    )
    group = Group.objects.create(subscription=record, name="Ardmouth NUJ branch")
    for email in ("alice@example.org", "bob@example.org"):
        accept(invitation_token(invite(group, email)), make_reader(email))
    return group


def test_fewer_seats_than_members_is_refused_and_stripe_is_not_asked(
    client, stripe_api, stripe_group
):
    response = client.post(f"/account/group/{stripe_group.pk}/seats/", {"seats": "2"}, follow=True)
    assert "cannot go down to 2" in response.content.decode()
    assert "Remove members" in response.content.decode()
    assert len(stripe_api.log) == 0
    assert Subscription.objects.get(provider_reference="sub_1").quantity == 3


def test_more_seats_change_the_item_quantity_with_proration(client, stripe_api, stripe_group):
    current = with_seats(subscription("sub_1", status="active", price="price_seat"), 3)
    stripe_api.expect_request("/v1/subscriptions/sub_1", method="GET").respond_with_json(current)
    updated = with_seats(subscription("sub_1", status="active", price="price_seat"), 5)
    stripe_api.expect_request("/v1/subscriptions/sub_1", method="POST").respond_with_json(updated)
    response = client.post(f"/account/group/{stripe_group.pk}/seats/", {"seats": "5"}, follow=True)
    assert "now has 5 seats" in response.content.decode()
    [form] = form_of(stripe_api, "/v1/subscriptions/sub_1")
    assert form["items[0][id]"] == ["si_1"] and form["items[0][quantity]"] == ["5"]
    assert form["proration_behavior"] == ["create_prorations"]
    assert Subscription.objects.get(provider_reference="sub_1").quantity == 5
    assert "3 of 5 seats" in response.content.decode()


def test_stripe_refusing_the_change_changes_nothing(client, stripe_api, stripe_group):
    current = with_seats(subscription("sub_1", status="active", price="price_seat"), 3)
    stripe_api.expect_request("/v1/subscriptions/sub_1", method="GET").respond_with_json(current)
    stripe_api.expect_request("/v1/subscriptions/sub_1", method="POST").respond_with_json(
        {"error": {"type": "card_error", "message": "Your card was declined."}}, status=402
    )
    response = client.post(f"/account/group/{stripe_group.pk}/seats/", {"seats": "6"}, follow=True)
    assert "did not change the seats" in response.content.decode()
    assert Subscription.objects.get(provider_reference="sub_1").quantity == 3
    assert Seat.objects.filter(group=stripe_group, removed_at__isnull=True).count() == 2


def test_a_deleted_stripe_customer_ends_the_members_access_at_once(
    client, stripe_api, stripe_group
):
    from django.contrib.auth import get_user_model

    from masthead.paywall.accounts import account_of
    from masthead.paywall.policy import ReaderKind

    alice = get_user_model().objects.get(email="alice@example.org")
    assert account_of(alice)[0].kind is ReaderKind.SUBSCRIBER
    reader = Client()
    assert reader.login(email="alice@example.org", password=PASSWORD)
    story = make_story()
    assert "free articles" not in reader.get(story.url).content.decode()  # kept as a subscriber
    customer = {"id": "cus_1", "object": "customer", "deleted": True}
    assert deliver(client, event("evt_d", "customer.deleted", customer)).status_code == 200
    assert "You have read 1 of 10" in reader.get(story.url).content.decode()
