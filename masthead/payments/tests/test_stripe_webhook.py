"""The Stripe webhook: signatures, replays, reordering, parallel delivery, unknown and deleted things."""

import os
import threading

import pytest
from django.db import connection
from django.test import Client

from masthead.payments.models import StripeEvent
from masthead.payments.tests.stripe_standin import event, signed, subscription
from masthead.paywall.tests.factories import make_reader
from masthead.subscriptions.models import BillingAccount, Subscription, is_subscriber

pytestmark = pytest.mark.django_db
URL = "/payments/stripe/webhook/"


def deliver(client, evt, **kwargs):
    payload, signature = signed(evt, **kwargs)
    return client.post(
        URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


@pytest.fixture
def reader(db):
    return make_reader("payer@example.com")


def stripe_has(api, sub):
    api.expect_request(f"/v1/subscriptions/{sub['id']}", method="GET").respond_with_json(sub)


def test_a_bad_signature_is_a_400_and_changes_nothing(client, stripe_api, reader):
    evt = event(
        "evt_bad",
        "customer.subscription.created",
        subscription("sub_1", status="active", user_id=reader.pk),
    )
    payload, _ = signed(evt)
    _, forged = signed(evt, secret="whsec_someone_else")
    for header in [forged, "", "t=1,v1=deadbeef", None]:
        extra = {} if header is None else {"HTTP_STRIPE_SIGNATURE": header}
        response = client.post(URL, payload, content_type="application/json", **extra)
        assert response.status_code == 400
    tampered = payload.replace(b'"active"', b'"trialing"')
    _, good_header = signed(evt)
    assert (
        client.post(
            URL, tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=good_header
        ).status_code
        == 400
    )
    assert not StripeEvent.objects.exists() and not Subscription.objects.exists()
    assert len(stripe_api.log) == 0


def test_an_old_signed_event_is_refused(client, stripe_api, reader):
    evt = event(
        "evt_old",
        "customer.subscription.created",
        subscription("sub_1", status="active", user_id=reader.pk),
    )
    assert deliver(client, evt, at=1_600_000_000).status_code == 400


def test_a_subscription_created_makes_a_subscriber(client, stripe_api, reader):
    sub = subscription("sub_1", status="active", user_id=reader.pk)
    stripe_has(stripe_api, sub)
    assert deliver(client, event("evt_1", "customer.subscription.created", sub)).status_code == 200
    record = Subscription.objects.get(provider_reference="sub_1")
    assert record.user == reader and record.status == "active" and record.current_period_end
    assert is_subscriber(reader)


def test_a_replayed_event_acts_once(client, stripe_api, reader):
    sub = subscription("sub_1", status="active", user_id=reader.pk)
    stripe_has(stripe_api, sub)
    evt = event("evt_1", "customer.subscription.created", sub)
    assert deliver(client, evt).content == b"ok"
    assert deliver(client, evt).content == b"already processed"
    assert StripeEvent.objects.count() == 1 and Subscription.objects.count() == 1
    assert len(stripe_api.log) == 1  # the replay did not even ask Stripe


def test_events_out_of_order_end_in_stripes_current_state(client, stripe_api, reader):
    created = subscription("sub_1", status="active", user_id=reader.pk)
    cancelled = subscription("sub_1", status="canceled", user_id=reader.pk)
    stripe_has(stripe_api, cancelled)  # what Stripe holds now
    assert (
        deliver(client, event("evt_2", "customer.subscription.deleted", cancelled)).status_code
        == 200
    )
    assert (
        deliver(client, event("evt_1", "customer.subscription.created", created)).status_code == 200
    )
    assert Subscription.objects.get(provider_reference="sub_1").status == "canceled"
    assert not is_subscriber(reader)


def test_checkout_completed_links_the_subscription_to_the_reader(client, stripe_api, reader):
    sub = subscription("sub_9", status="active", customer="cus_9")  # no user in the metadata
    stripe_has(stripe_api, sub)
    session = {
        "id": "cs_1",
        "object": "checkout.session",
        "mode": "subscription",
        "subscription": "sub_9",
        "client_reference_id": str(reader.pk),
        "customer": "cus_9",
        "metadata": {"kind": "subscription"},
    }
    assert deliver(client, event("evt_c", "checkout.session.completed", session)).status_code == 200
    assert Subscription.objects.get(provider_reference="sub_9").user == reader


def test_unknown_event_types_are_acknowledged_and_ignored(client, stripe_api, reader):
    response = deliver(client, event("evt_u", "payout.paid", {"id": "po_1", "object": "payout"}))
    assert response.status_code == 200
    assert StripeEvent.objects.filter(event_id="evt_u").exists()
    assert not Subscription.objects.exists() and len(stripe_api.log) == 0


def test_a_deleted_customer_ends_its_subscriptions(client, stripe_api, reader):
    sub = subscription("sub_1", status="active", user_id=reader.pk, customer="cus_gone")
    stripe_has(stripe_api, sub)
    BillingAccount.objects.create(user=reader, stripe_customer_id="cus_gone")
    deliver(client, event("evt_1", "customer.subscription.created", sub))
    customer = {"id": "cus_gone", "object": "customer", "deleted": True}
    assert deliver(client, event("evt_d", "customer.deleted", customer)).status_code == 200
    assert Subscription.objects.get(provider_reference="sub_1").status == "canceled"
    assert BillingAccount.objects.get(user=reader).stripe_customer_id is None
    assert not is_subscriber(reader)


def test_a_subscription_stripe_no_longer_has_uses_the_events_copy(client, stripe_api, reader):
    gone = subscription("sub_x", status="canceled", user_id=reader.pk)
    stripe_api.expect_request("/v1/subscriptions/sub_x", method="GET").respond_with_json(
        {"error": {"type": "invalid_request_error", "message": "No such subscription"}}, status=404
    )
    assert deliver(client, event("evt_x", "customer.subscription.deleted", gone)).status_code == 200
    assert Subscription.objects.get(provider_reference="sub_x").status == "canceled"


def test_a_failed_payment_keeps_access_for_the_grace_period_and_tells_the_reader(
    client, stripe_api, reader, mailoutbox, django_capture_on_commit_callbacks
):
    past_due = subscription("sub_1", status="past_due", user_id=reader.pk)
    stripe_has(stripe_api, past_due)
    invoice = {
        "id": "in_1",
        "object": "invoice",
        "customer": "cus_1",
        "parent": {"subscription_details": {"subscription": "sub_1"}},
        "amount_due": 900,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, event("evt_f", "invoice.payment_failed", invoice)).status_code == 200
    assert Subscription.objects.get(provider_reference="sub_1").status == "past_due"
    assert is_subscriber(reader)  # within the grace period
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["payer@example.com"] and "did not go through" in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"


def test_a_handler_failure_is_a_500_and_stripe_will_retry(client, stripe_api, reader):
    sub = subscription("sub_1", status="active", user_id=reader.pk)
    stripe_api.expect_request("/v1/subscriptions/sub_1", method="GET").respond_with_json(
        {"error": {"type": "api_error", "message": "down"}}, status=500
    )
    client = Client(raise_request_exception=False)
    assert deliver(client, event("evt_1", "customer.subscription.created", sub)).status_code == 500
    assert not StripeEvent.objects.exists()  # not recorded, so the retry will act


# Parallel delivery needs a database that takes concurrent connections; the SQLite
# test database lives in memory, so this runs in the PostgreSQL pass (CI).
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("deliveries", [8] if ON_POSTGRESQL else [])
def test_parallel_delivery_of_one_event_acts_once(stripe_api, deliveries):
    reader = make_reader("racer@example.com")
    sub = subscription("sub_r", status="active", user_id=reader.pk)
    stripe_api.expect_request("/v1/subscriptions/sub_r", method="GET").respond_with_json(sub)
    evt = event("evt_race", "customer.subscription.created", sub)
    statuses = []

    def post():
        statuses.append(deliver(Client(), evt).status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(deliveries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * deliveries
    assert StripeEvent.objects.filter(event_id="evt_race").count() == 1
    assert Subscription.objects.filter(provider_reference="sub_r").count() == 1


def checkout_session(session_id: str, sub_id: str, reader) -> dict:
    return {
        "id": session_id,
        "object": "checkout.session",
        "mode": "subscription",
        "subscription": sub_id,
        "client_reference_id": str(reader.pk),
        "customer": "cus_1",
        "metadata": {"kind": "subscription"},
    }


def test_a_second_checkout_with_a_trial_is_cancelled_before_any_payment(client, stripe_api, reader):
    first = subscription("sub_1", status="trialing", user_id=reader.pk)
    second = subscription("sub_2", status="trialing", user_id=reader.pk)
    stripe_has(stripe_api, first)
    stripe_api.expect_oneshot_request("/v1/subscriptions/sub_2", method="GET").respond_with_json(
        second
    )
    stripe_api.expect_request("/v1/subscriptions/sub_2", method="DELETE").respond_with_json(
        {**second, "status": "canceled"}
    )
    stripe_has(stripe_api, {**second, "status": "canceled"})
    deliver(
        client,
        event("evt_1", "checkout.session.completed", checkout_session("cs_1", "sub_1", reader)),
    )

    response = deliver(
        client,
        event("evt_2", "checkout.session.completed", checkout_session("cs_2", "sub_2", reader)),
    )

    assert response.status_code == 200
    assert [r.method for r, _ in stripe_api.log if r.path == "/v1/subscriptions/sub_2"] == [
        "GET",
        "DELETE",
        "GET",
    ]
    assert Subscription.objects.get(provider_reference="sub_1").status == "trialing"
    assert Subscription.objects.get(provider_reference="sub_2").status == "canceled"
    assert [r.path for r, _ in stripe_api.log if r.method == "DELETE"] == [
        "/v1/subscriptions/sub_2"
    ]


def test_the_first_checkout_keeps_its_trial_whichever_event_comes_first(client, stripe_api, reader):
    sub = subscription("sub_1", status="trialing", user_id=reader.pk)
    stripe_has(stripe_api, sub)
    deliver(client, event("evt_0", "customer.subscription.created", sub))

    deliver(
        client,
        event("evt_1", "checkout.session.completed", checkout_session("cs_1", "sub_1", reader)),
    )

    assert Subscription.objects.get(provider_reference="sub_1").status == "trialing"
    assert not [r for r, _ in stripe_api.log if r.method == "DELETE"]


def test_a_checkout_session_completed_again_under_a_new_event_acts_once(client, stripe_api, reader):
    sub = subscription("sub_1", status="trialing", user_id=reader.pk)
    stripe_has(stripe_api, sub)
    session = checkout_session("cs_1", "sub_1", reader)
    assert deliver(client, event("evt_1", "checkout.session.completed", session)).status_code == 200
    fetched = len(stripe_api.log)

    assert deliver(client, event("evt_2", "checkout.session.completed", session)).status_code == 200

    assert len(stripe_api.log) == fetched  # nothing fetched, nothing changed
    assert Subscription.objects.get(provider_reference="sub_1").status == "trialing"
