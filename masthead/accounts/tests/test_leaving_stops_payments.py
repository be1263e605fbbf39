"""Deleting an account stops, at the provider and first, every payment that would recur."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from werkzeug import Response

from masthead.appeals.models import Donation
from masthead.appeals.services import donation_record
from masthead.appeals.tests.factories import make_campaign
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db
DELETE_URL = "/account/delete/"


def stripe_subscription(sub_id: str, status: str) -> dict:
    return {"id": sub_id, "object": "subscription", "status": status, "metadata": {}}


def stripe_finds(stripe_api, subscriptions: list[dict]) -> None:
    """What Stripe's subscription search answers for the reader."""
    stripe_api.expect_request("/v1/subscriptions/search", method="GET").respond_with_json(
        {
            "object": "search_result",
            "data": subscriptions,
            "has_more": False,
            "url": "/v1/subscriptions/search",
        }
    )


def subscribe(user, *, provider: str, reference: str) -> Subscription:
    return Subscription.objects.create(
        user=user,
        status="active",
        plan_name="Digital",
        provider=provider,
        provider_reference=reference,
        current_period_end=timezone.now() + timedelta(days=20),
    )


def give_monthly(user, *, provider: str, reference: str, recurring: str) -> Donation:
    donation, _ = donation_record(
        campaign_id=make_campaign().pk,
        amount_pence=500,
        currency="GBP",
        monthly=True,
        email=user.email,
        user_id=user.pk,
        provider=provider,
        reference=reference,
        recurring_reference=recurring,
        send_receipt=False,
    )
    return donation


def leave(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client.post(DELETE_URL, {"confirm_email": user.email})


def cancellations(httpserver) -> list[str]:
    return sorted(
        request.path.rsplit("/", 1)[1]
        for request, _ in httpserver.log
        if request.method == "DELETE" and request.path.startswith("/v1/subscriptions/")
    )


def test_with_stripe_the_subscription_the_monthly_gift_and_any_stray_are_cancelled_first(
    client, stripe_api, mailoutbox
):
    reader = make_reader("leaver@example.com")
    subscribe(reader, provider="stripe", reference="sub_paper")
    gift = give_monthly(reader, provider="stripe", reference="in_1", recurring="sub_gift")
    # Stripe knows one more: a checkout whose webhook has not reached us yet.
    found = [stripe_subscription("sub_stray", "active"), stripe_subscription("sub_old", "canceled")]
    stripe_finds(stripe_api, found)
    for sub_id in ("sub_paper", "sub_gift", "sub_stray"):
        stripe_api.expect_request(f"/v1/subscriptions/{sub_id}", method="DELETE").respond_with_json(
            stripe_subscription(sub_id, "canceled")
        )

    response = leave(client, reader)

    assert response.status_code == 200
    assert "not be charged again" in response.content.decode()
    assert cancellations(stripe_api) == ["sub_gift", "sub_paper", "sub_stray"]
    search = next(r for r, _ in stripe_api.log if r.path == "/v1/subscriptions/search")
    assert search.args["query"] == f"metadata['masthead_user_id']:'{reader.pk}'"
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    gift.refresh_from_db()
    assert gift.user_id is None and gift.recurring_ended_at is not None  # still in the total
    farewell = mailoutbox[-1]
    assert farewell.to == ["leaver@example.com"] and "deleted" in farewell.subject
    assert "You will not be charged again" in farewell.body


def test_when_stripe_refuses_nothing_is_deleted_and_the_reader_is_told_why(client, stripe_api):
    reader = make_reader("stuck@example.com")
    subscribe(reader, provider="stripe", reference="sub_paper")
    stripe_finds(stripe_api, [])
    stripe_api.expect_request("/v1/subscriptions/sub_paper", method="DELETE").respond_with_response(
        Response(
            json.dumps({"error": {"type": "api_error", "message": "Try later"}}),
            status=500,
            content_type="application/json",
        )
    )

    response = leave(client, reader)

    assert response.status_code == 503
    page = response.content.decode()
    assert "could not cancel your payments with Stripe" in page
    assert "has not been deleted" in page
    assert get_user_model().objects.filter(pk=reader.pk).exists()
    assert Subscription.objects.get(provider_reference="sub_paper").status == "active"
    # Still logged in, and the account page still works.
    assert client.get("/account/").status_code == 200


def test_when_stripe_cannot_be_reached_nothing_is_deleted(client, settings):
    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    settings.MASTHEAD_STRIPE_SECRET_KEY = "sk_test_masthead"
    settings.MASTHEAD_STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    reader = make_reader("offline@example.com")
    subscribe(reader, provider="stripe", reference="sub_paper")

    response = leave(client, reader)

    assert response.status_code == 503
    assert get_user_model().objects.filter(pk=reader.pk).exists()


def test_a_subscription_stripe_no_longer_has_does_not_block_leaving(client, stripe_api):
    reader = make_reader("gone@example.com")
    subscribe(reader, provider="stripe", reference="sub_gone")
    stripe_finds(stripe_api, [])
    stripe_api.expect_request("/v1/subscriptions/sub_gone", method="DELETE").respond_with_response(
        Response(
            json.dumps({"error": {"type": "invalid_request_error", "code": "resource_missing"}}),
            status=404,
            content_type="application/json",
        )
    )
    assert leave(client, reader).status_code == 200
    assert not get_user_model().objects.filter(pk=reader.pk).exists()


def test_with_the_demo_provider_the_subscription_and_monthly_gift_stop(client, mailoutbox):
    reader = make_reader("demo-leaver@example.com")
    subscribe(reader, provider="demo", reference="demo-abc")
    gift = give_monthly(reader, provider="demo", reference="demo-gift", recurring="demo-gift")

    response = leave(client, reader)

    assert response.status_code == 200
    assert "We cancelled 2 standing payments" in response.content.decode()
    gift.refresh_from_db()
    assert gift.recurring_ended_at is not None
    assert not Subscription.objects.filter(provider_reference="demo-abc").exists()
    assert "You will not be charged again" in mailoutbox[-1].body


def test_a_reader_with_nothing_recurring_leaves_without_asking_a_provider(client, stripe_api):
    reader = make_reader("free@example.com")
    assert leave(client, reader).status_code == 200
    assert stripe_api.log == []
    assert not get_user_model().objects.filter(pk=reader.pk).exists()


def test_leaving_ends_the_newsletters_and_the_export_lists_them(client):
    from masthead.newsletters.assembly import edition_assemble
    from masthead.newsletters.models import Delivery, Signup
    from masthead.newsletters.tests.factories import confirmed, make_newsletter

    reader = make_reader("letters@example.com")
    morning = make_newsletter("morning")
    confirmed(morning, "letters@example.com", user=reader)
    edition = edition_assemble(morning)
    Delivery.objects.create(edition=edition, email="letters@example.com", status="sent")
    client.login(email=reader.email, password=PASSWORD)
    exported = client.get("/account/export/").json()
    assert [n["newsletter"] for n in exported["newsletters"]] == [morning.name]
    assert exported["newsletters"][0]["consent_at"]

    assert leave(client, reader).status_code == 200
    assert not Signup.objects.filter(email="letters@example.com").exists()
    (delivery,) = Delivery.objects.all()  # the edition's figures keep their count
    assert delivery.email.startswith("deleted-") and delivery.email.endswith("@invalid")
