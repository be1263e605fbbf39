"""Offers and trials end to end with the demo provider: the pages, the checkout, the record."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.offers.demo import create_demo_offers
from masthead.offers.models import Offer, Redemption
from masthead.offers.tests.factories import make_offer, make_plan, redeem
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Plan, Subscription, is_subscriber

pytestmark = pytest.mark.django_db

OFFER_PRICE = "£4.50 a month for 3 months, then £9 a month"


@pytest.fixture
def reader(client):
    user = make_reader("payer@example.com")
    client.login(email=user.email, password=PASSWORD)
    return user


def text(response) -> str:
    return response.content.decode()


def test_an_offer_code_lowers_the_price_in_checkout_and_the_subscription_records_it(client, reader):
    plan = make_plan(trial_days=14)
    offer = make_offer(plans=[plan])
    page = text(client.get("/subscribe/", {"code": "welcome50"}))
    assert "Offer applied" in page and OFFER_PRICE in page
    assert (
        '<del><span class="visually-hidden">Usually </span>14 days free, then £9 a month</del>'
        in page
    )
    assert 'name="offer" value="WELCOME50"' in page
    start = client.post(f"/subscribe/{plan.pk}/checkout/", {"offer": "WELCOME50"})["Location"]
    checkout = text(client.get(start))
    assert f"You pay <strong>{OFFER_PRICE}</strong>" in checkout
    assert "14 days free" not in checkout  # an offer replaces the trial
    done = client.post(start, follow=True)
    assert OFFER_PRICE in text(done)
    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == "active" and is_subscriber(reader)
    assert subscription.redemption.offer == offer
    client.post(start)  # confirming twice records once
    assert Redemption.objects.count() == 1


def test_a_trial_starts_as_trialing_until_the_trial_ends_and_reads_as_a_subscriber(client, reader):
    plan = make_plan(trial_days=14)
    assert "14 days free, then £9 a month" in text(client.get("/subscribe/"))
    start = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    assert "You pay <strong>14 days free, then £9 a month</strong>" in text(client.get(start))
    welcome = text(client.post(start, follow=True))
    assert "You are subscribed: Digital, monthly, 14 days free, then £9 a month." in welcome
    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == "trialing"
    ends = timezone.now() + timedelta(days=14)
    assert abs(subscription.current_period_end - ends) < timedelta(minutes=1)
    assert is_subscriber(reader)
    # One trial per reader: after it, the plan is offered at its price from the first day.
    subscription.status = "canceled"
    subscription.save()
    page = text(client.get("/subscribe/"))
    assert "days free" not in page and "£9 a month" in page
    again = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    client.post(again)
    assert Subscription.objects.filter(user=reader).latest("pk").status == "active"


def test_the_offer_page_shows_the_real_price_struck_through_and_the_offers(client):
    plan = make_plan()
    other = make_plan(name="Print and digital", price_pence=1500, stripe_price_id="price_print")
    make_offer(plans=[plan])
    response = client.get("/offers/welcome/")
    assert response["Cache-Control"] == "private, no-store"
    page = text(response)
    assert "<del>" in page and "£9 a month</del>" in page and OFFER_PRICE in page
    assert other.name not in page  # the offer is for the monthly plan only
    assert "Register to subscribe" in page and "next=/offers/welcome/" in page


@pytest.mark.parametrize(
    "spent, says",
    [
        ({"active": False}, "This offer is not available."),
        ({"ends_at": timezone.now() - timedelta(minutes=1)}, "This offer has ended."),
        ({"max_redemptions": 1}, "taken up by as many readers as it was for"),
    ],
)
def test_a_spent_offer_says_so_plainly_with_the_usual_plans(client, reader, spent, says):
    plan = make_plan()
    offer = make_offer(plans=[plan], **spent)
    redeem(offer, make_reader("first@example.com"), "demo-first")
    response = client.get("/offers/welcome/")
    assert response.status_code == 200
    page = text(response)
    assert says in page and "You can still subscribe at the usual price." in page
    assert "£9 a month" in page and "<del>" not in page and 'name="offer"' not in page
    subscribe = text(client.get("/subscribe/", {"code": "WELCOME50"}))
    assert says in subscribe and "<del>" not in subscribe


def test_a_reader_without_an_account_keeps_the_code_through_registration(client):
    make_plan()
    make_offer()
    page = text(client.get("/subscribe/", {"code": "WELCOME50"}))
    assert OFFER_PRICE in page
    assert "/accounts/signup/?next=/subscribe/%3Fcode%3DWELCOME50" in page


def test_an_unknown_code_or_offer_is_said_plainly(client, reader):
    make_plan()
    page = text(client.get("/subscribe/", {"code": "NOPE"}))
    assert "No offer has the code “NOPE”" in page
    assert client.get("/offers/no-such-offer/").status_code == 404


def test_an_offer_for_another_plan_leaves_this_plans_price_alone(client, reader):
    monthly = make_plan()
    yearly = make_plan(name="Digital, yearly", price_pence=9000, interval="year")
    make_offer(plans=[monthly])
    page = text(client.get("/subscribe/", {"code": "WELCOME50"}))
    assert page.count('name="offer"') == 1 and "£90 a year" in page
    response = client.post(f"/subscribe/{yearly.pk}/checkout/", {"offer": "WELCOME50"})
    assert response["Location"] == "/subscribe/?code=WELCOME50"
    assert "This offer is not for that plan." in text(client.get(response["Location"]))


def test_the_cap_holds_when_two_readers_are_at_checkout_for_its_last_place(client, reader):
    plan = make_plan()
    offer = make_offer(max_redemptions=1)
    mine = client.post(f"/subscribe/{plan.pk}/checkout/", {"offer": "WELCOME50"})["Location"]
    other = make_reader("other@example.com")
    client.logout()
    client.login(email=other.email, password=PASSWORD)
    theirs = client.post(f"/subscribe/{plan.pk}/checkout/", {"offer": "WELCOME50"})["Location"]
    client.post(theirs)  # they confirm first and take the last place
    client.logout()
    client.login(email=reader.email, password=PASSWORD)
    refused = client.post(mine, follow=True)
    assert "taken up by as many readers as it was for" in text(refused)
    assert "Nothing was recorded." in text(refused)
    assert not Subscription.objects.filter(user=reader).exists()
    assert offer.redemptions.count() == 1


def test_the_demo_has_a_trial_and_the_welcome_offer(db):
    Plan.objects.create(name="Digital, monthly", price_pence=900)
    create_demo_offers()
    create_demo_offers()  # twice changes nothing
    offer = Offer.objects.get()
    assert (offer.code, offer.slug, offer.percent_off, offer.duration_in_months) == (
        "WELCOME50",
        "welcome",
        50,
        3,
    )
    assert Plan.objects.get().trial_days == 14
    assert list(offer.plans.values_list("name", flat=True)) == ["Digital, monthly"]


def test_an_offer_for_a_plan_sold_by_the_seat_asks_how_many_seats_on_its_page(client, reader):
    seats = make_plan(name="Newsroom", price_pence=600, sold_by_seat=True)
    make_offer(plans=[seats])
    page = text(client.get("/offers/welcome/"))
    assert 'name="seats"' in page and 'name="offer"' in page
    response = client.post(f"/subscribe/{seats.pk}/checkout/", {"offer": "WELCOME50", "seats": "4"})
    assert response.status_code == 302
    checkout = text(client.get(response["Location"]))
    assert "4 seats" in checkout or "4 × " in checkout


def test_two_checkouts_opened_at_once_give_one_trial_and_the_second_is_refused(client, reader):
    plan = make_plan(trial_days=14)
    first = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    second = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    assert first != second
    assert "14 days free" in text(client.get(second))  # opened before the first was confirmed
    client.post(first)

    refused = client.post(second, follow=True)

    assert "You have had your free trial already" in text(refused)
    assert "Nothing was recorded and nothing was charged" in text(refused)
    assert list(Subscription.objects.filter(user=reader).values_list("status", flat=True)) == [
        "trialing"
    ]


def test_a_confirmed_checkout_replayed_after_cancelling_changes_nothing(client, reader):
    plan = make_plan(trial_days=14)
    start = client.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
    client.post(start)
    client.post("/payments/demo/portal/")  # cancel at the end of the period
    cancelled = Subscription.objects.get(user=reader)
    assert cancelled.cancel_at_period_end

    again = client.post(start, follow=True)

    assert "This checkout was confirmed already: nothing has changed." in text(again)
    page = client.get(start, follow=True)  # the page itself no longer offers to confirm
    assert "This checkout was confirmed already" in text(page)
    assert "Subscribe now (demo)" not in text(page)
    subscription = Subscription.objects.get(user=reader)
    assert subscription.cancel_at_period_end
    assert subscription.current_period_end == cancelled.current_period_end
