"""The Business group makes offers in the admin; a bad offer is refused with a message, nothing saved."""

import pytest
from django.contrib.auth.models import Group

from masthead.offers.models import Offer
from masthead.offers.tests.factories import make_offer, redeem
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/offers/offer/add/"


def sign_in(client, group: str):
    user = make_reader(f"{group.lower()}@example.org", staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.login(email=user.email, password=PASSWORD)


def form(**overrides) -> dict:
    data = {
        "name": "Spring: £3 off",
        "code": "SPRING3",
        "slug": "spring",
        "percent_off": "",
        "amount_off_pence": "300",
        "duration": "once",
        "duration_in_months": "",
        "ends_at": "",
        "max_redemptions": "",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_the_business_group_makes_an_offer_and_sees_how_many_took_it_up(client):
    sign_in(client, "Business")
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, form(code="spring-3"))
    assert response.status_code == 302, response.content[:2000]
    offer = Offer.objects.get()
    assert (offer.code, offer.amount_off_pence, offer.duration) == ("SPRING-3", 300, "once")
    redeem(offer, make_reader("a@example.com"), "demo-a")
    listing = client.get("/admin/snippets/offers/offer/").content.decode()
    assert "SPRING-3" in listing and "£3 off once" in listing
    assert "Stripe not in use" in listing  # the demo provider: nothing to send
    edit = client.get(f"/admin/snippets/offers/offer/edit/{offer.pk}/")
    assert edit.status_code == 200 and "SPRING-3" in edit.content.decode()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"percent_off": "50"}, "Give a percentage off or an amount off, exactly one."),
        ({"amount_off_pence": ""}, "Give a percentage off or an amount off, exactly one."),
        ({"duration": "repeating"}, "Say for how many months."),
        ({"duration_in_months": "3"}, "Months are for “a number of months” only."),
        ({"code": "SPRING 3"}, "Use only letters, digits and dashes"),
        ({"amount_off_pence": "0"}, "greater than or equal to 1"),
        ({"percent_off": "120", "amount_off_pence": ""}, "less than or equal to 100"),
    ],
)
def test_a_bad_offer_is_refused_with_a_message_and_nothing_is_saved(client, overrides, message):
    sign_in(client, "Business")
    response = client.post(ADD_URL, form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Offer.objects.exists()


def test_a_code_already_taken_in_another_case_is_refused(client):
    make_offer(code="SPRING3", slug="other")
    sign_in(client, "Business")
    response = client.post(ADD_URL, form(code="spring3"))
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert Offer.objects.count() == 1


def test_writers_cannot_make_offers(client):
    sign_in(client, "Writers")
    assert client.post(ADD_URL, form()).status_code in (302, 403)
    assert not Offer.objects.exists()
