"""Offers at Stripe, against the local stand-in for Stripe's API: coupons, promotion codes, checkout."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from masthead.offers.models import Offer, Redemption
from masthead.offers.tests.factories import make_offer, make_plan, redeem
from masthead.payments.tests.stripe_standin import event, signed, subscription
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/offers/offer/add/"


def form_of(api, path: str) -> dict:
    requests = [r for r, _ in api.log if r.path == path and r.method == "POST"]
    assert requests, f"nothing was sent to {path}"
    return parse_qs(requests[-1].get_data(as_text=True))


def sent(api, path: str) -> int:
    return sum(r.path == path for r, _ in api.log)


def stripe_makes_coupons_and_codes(api):
    api.expect_request("/v1/coupons", method="POST").respond_with_json(
        {"id": "masthead-offer-x", "object": "coupon"}
    )
    api.expect_request("/v1/promotion_codes", method="POST").respond_with_json(
        {"id": "promo_1", "object": "promotion_code", "code": "WELCOME50"}
    )


def stripe_refuses(api, path: str, message: str = "Stripe is having a moment"):
    api.expect_request(path, method="POST").respond_with_json(
        {"error": {"type": "invalid_request_error", "message": message}}, status=400
    )


@pytest.fixture
def business(client):
    user = make_reader("publisher@example.org", staff=True)
    user.groups.add(Group.objects.get(name="Business"))
    client.login(email=user.email, password=PASSWORD)
    return user


def offer_form(plan=None, **overrides) -> dict:
    data = {
        "name": "Welcome: half price",
        "code": "welcome50",
        "slug": "welcome",
        "percent_off": "50",
        "amount_off_pence": "",
        "duration": "repeating",
        "duration_in_months": "3",
        "ends_at": "2027-01-31 18:00",
        "max_redemptions": "100",
        "active": "on",
    }
    if plan is not None:
        data["plans"] = [str(plan.pk)]
    data.update(overrides)
    return data


def test_saving_an_offer_makes_its_stripe_coupon_and_promotion_code_once(
    client, stripe_api, business
):
    plan = make_plan()
    stripe_api.expect_request("/v1/prices/price_monthly", method="GET").respond_with_json(
        {"id": "price_monthly", "object": "price", "product": "prod_digital"}
    )
    stripe_makes_coupons_and_codes(stripe_api)
    response = client.post(ADD_URL, offer_form(plan))
    assert response.status_code == 302, response.content[:3000]
    offer = Offer.objects.get()
    assert offer.code == "WELCOME50" and offer.at_stripe
    coupon = form_of(stripe_api, "/v1/coupons")
    assert coupon["id"] == [f"masthead-offer-{offer.pk}"]
    assert coupon["percent_off"] == ["50.0"] and "amount_off" not in coupon
    assert coupon["duration"] == ["repeating"] and coupon["duration_in_months"] == ["3"]
    assert coupon["max_redemptions"] == ["100"]
    # 18:00 in London in January is 18:00 UTC
    assert coupon["redeem_by"] == [str(int(datetime(2027, 1, 31, 18, tzinfo=UTC).timestamp()))]
    assert coupon["applies_to[products][0]"] == ["prod_digital"]
    code = form_of(stripe_api, "/v1/promotion_codes")
    assert code["code"] == ["WELCOME50"] and code["promotion[type]"] == ["coupon"]
    assert code["promotion[coupon]"] == ["masthead-offer-x"] and code["active"] == ["true"]
    # Saving again makes nothing new; switching it off switches the code off at Stripe.
    stripe_api.expect_request("/v1/promotion_codes/promo_1", method="POST").respond_with_json(
        {"id": "promo_1", "object": "promotion_code", "active": False}
    )
    response = client.post(
        f"/admin/snippets/offers/offer/edit/{offer.pk}/", offer_form(plan, active="")
    )
    assert response.status_code == 302, response.content[:3000]
    assert sent(stripe_api, "/v1/coupons") == 1 and sent(stripe_api, "/v1/promotion_codes") == 1
    assert form_of(stripe_api, "/v1/promotion_codes/promo_1") == {"active": ["false"]}


def test_an_amount_off_is_sent_in_pence_and_pounds_sterling(client, stripe_api, business):
    stripe_makes_coupons_and_codes(stripe_api)
    data = offer_form(percent_off="", amount_off_pence="300", duration="forever")
    data.update(duration_in_months="", ends_at="", max_redemptions="")
    assert client.post(ADD_URL, data).status_code == 302
    coupon = form_of(stripe_api, "/v1/coupons")
    assert coupon["amount_off"] == ["300"] and coupon["currency"] == ["gbp"]
    assert coupon["duration"] == ["forever"]
    assert not {"percent_off", "duration_in_months", "redeem_by", "max_redemptions"} & set(coupon)
    assert not any(key.startswith("applies_to") for key in coupon)  # every plan


def test_a_stripe_failure_keeps_the_offer_marked_not_yet_at_stripe_and_a_retry_sends_it(
    client, stripe_api, business
):
    stripe_refuses(stripe_api, "/v1/coupons", "Stripe is having a moment")
    response = client.post(ADD_URL, offer_form(), follow=True)
    assert response.status_code == 200
    assert "not yet at Stripe (Stripe is having a moment)" in response.content.decode()
    offer = Offer.objects.get()
    assert not offer.at_stripe and offer.stripe_status.startswith("not yet at Stripe")
    stripe_api.clear_all_handlers()
    stripe_makes_coupons_and_codes(stripe_api)
    call_command("offers_to_stripe")
    offer.refresh_from_db()
    assert offer.at_stripe and offer.stripe_error == ""
    assert offer.stripe_promotion_code_id == "promo_1"


def test_a_retry_adopts_the_coupon_stripe_made_before_its_answer_was_lost(stripe_api):
    offer = make_offer()
    stripe_api.expect_request("/v1/coupons", method="POST").respond_with_json(
        {
            "error": {
                "type": "invalid_request_error",
                "code": "resource_already_exists",
                "message": "Coupon already exists.",
            }
        },
        status=400,
    )
    stripe_api.expect_request(f"/v1/coupons/masthead-offer-{offer.pk}").respond_with_json(
        {"id": f"masthead-offer-{offer.pk}", "object": "coupon"}
    )
    stripe_api.expect_request("/v1/promotion_codes", method="POST").respond_with_json(
        {"id": "promo_1", "object": "promotion_code"}
    )
    from masthead.offers.stripe_sync import offer_to_stripe

    assert offer_to_stripe(offer)
    assert offer.stripe_coupon_id == f"masthead-offer-{offer.pk}"


def test_the_terms_of_an_offer_at_stripe_cannot_change(client, stripe_api, business):
    offer = make_offer(stripe_coupon_id="masthead-offer-1", stripe_promotion_code_id="promo_1")
    data = offer_form(code="WELCOME50", percent_off="60", ends_at="", max_redemptions="")
    response = client.post(f"/admin/snippets/offers/offer/edit/{offer.pk}/", data)
    assert response.status_code == 200
    assert "Stripe cannot change an offer" in response.content.decode()
    offer.refresh_from_db()
    assert offer.percent_off == 50 and len(stripe_api.log) == 0


@pytest.fixture
def reader(client):
    user = make_reader("payer@example.com")
    client.login(email=user.email, password=PASSWORD)
    return user


def stripe_opens_sessions(api):
    api.expect_request("/v1/customers", method="POST").respond_with_json(
        {"id": "cus_42", "object": "customer"}
    )
    api.expect_request("/v1/checkout/sessions", method="POST").respond_with_json(
        {"id": "cs_1", "object": "checkout.session", "url": "https://checkout.stripe.test/c/cs_1"}
    )


def test_a_checkout_with_an_offer_passes_its_promotion_code_and_no_trial(
    client, stripe_api, reader
):
    plan = make_plan(trial_days=14)
    offer = make_offer(stripe_coupon_id="masthead-offer-1", stripe_promotion_code_id="promo_1")
    stripe_opens_sessions(stripe_api)
    response = client.post(f"/subscribe/{plan.pk}/checkout/", {"offer": "welcome50"})
    assert response["Location"] == "https://checkout.stripe.test/c/cs_1"
    session = form_of(stripe_api, "/v1/checkout/sessions")
    assert session["discounts[0][promotion_code]"] == ["promo_1"]
    assert session["metadata[offer_id]"] == [str(offer.pk)]
    assert "allow_promotion_codes" not in session
    assert "subscription_data[trial_period_days]" not in session


def test_a_checkout_without_an_offer_carries_the_trial_and_lets_the_reader_type_a_code(
    client, stripe_api, reader
):
    plan = make_plan(trial_days=14)
    make_offer(stripe_coupon_id="masthead-offer-1", stripe_promotion_code_id="promo_1")
    stripe_opens_sessions(stripe_api)
    client.post(f"/subscribe/{plan.pk}/checkout/")
    session = form_of(stripe_api, "/v1/checkout/sessions")
    assert session["subscription_data[trial_period_days]"] == ["14"]
    assert session["allow_promotion_codes"] == ["true"]
    assert "discounts[0][promotion_code]" not in session


def test_a_reader_who_subscribed_before_gets_no_second_trial(client, stripe_api, reader):
    plan = make_plan(trial_days=14)
    Subscription.objects.create(user=reader, status="canceled", plan_name="Digital")
    stripe_opens_sessions(stripe_api)
    client.post(f"/subscribe/{plan.pk}/checkout/")
    session = form_of(stripe_api, "/v1/checkout/sessions")
    assert "subscription_data[trial_period_days]" not in session
    assert "allow_promotion_codes" not in session  # no offer is on at Stripe


def test_a_used_up_offer_is_refused_at_checkout_and_stripe_is_not_asked(client, stripe_api, reader):
    plan = make_plan()
    offer = make_offer(
        max_redemptions=1, stripe_coupon_id="masthead-offer-1", stripe_promotion_code_id="promo_1"
    )
    redeem(offer, make_reader("first@example.com"), "sub_first")
    response = client.post(f"/subscribe/{plan.pk}/checkout/", {"offer": "WELCOME50"})
    assert response.status_code == 302
    assert urlparse(response["Location"]).query == "code=WELCOME50"
    assert len(stripe_api.log) == 0
    page = client.get(response["Location"]).content.decode()
    assert "taken up by as many readers as it was for" in page


def test_an_offer_stripe_cannot_take_now_is_refused_plainly(client, stripe_api, reader):
    plan = make_plan()
    make_offer()  # never reached Stripe
    stripe_refuses(stripe_api, "/v1/coupons")
    stripe_opens_sessions(stripe_api)
    response = client.post(f"/subscribe/{plan.pk}/checkout/", {"offer": "WELCOME50"}, follow=True)
    assert response.status_code == 200
    assert "this offer cannot be taken up just now" in response.content.decode()
    assert sent(stripe_api, "/v1/checkout/sessions") == 0


def test_the_webhook_records_the_offer_a_checkout_used_once(client, stripe_api):
    reader = make_reader("payer@example.com")
    offer = make_offer(stripe_coupon_id="masthead-offer-1", stripe_promotion_code_id="promo_1")
    sub = subscription("sub_9", status="active", user_id=reader.pk)
    stripe_api.expect_request("/v1/subscriptions/sub_9", method="GET").respond_with_json(sub)
    session = {
        "id": "cs_1",
        "object": "checkout.session",
        "mode": "subscription",
        "subscription": "sub_9",
        "client_reference_id": str(reader.pk),
        "metadata": {"kind": "subscription"},
        "discounts": [{"coupon": "masthead-offer-1", "promotion_code": "promo_1"}],
    }
    for event_id in ["evt_1", "evt_2"]:  # a second event for the same checkout
        payload, signature = signed(event(event_id, "checkout.session.completed", session))
        response = client.post(
            "/payments/stripe/webhook/",
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        assert response.status_code == 200
    redemption = Redemption.objects.get()
    assert redemption.offer == offer and redemption.subscription.provider_reference == "sub_9"
