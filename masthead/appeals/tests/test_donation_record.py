"""Recording a confirmed donation: once per payment, with amounts and currency checked."""

import pytest
from django.db import transaction

from masthead.appeals.models import Donation
from masthead.appeals.selectors import appeal_progress, donations_for_user
from masthead.appeals.services import donation_record
from masthead.appeals.tests.factories import give, make_campaign
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db


def record(campaign, **overrides):
    fields = {
        "campaign_id": campaign.pk,
        "amount_pence": 2_500,
        "currency": "GBP",
        "monthly": False,
        "email": "ada@example.org",
        "user_id": None,
        "provider": "stripe",
        "reference": "pi_123",
    }
    fields.update(overrides)
    return donation_record(**fields)


def test_a_confirmed_payment_is_recorded_as_a_donation_to_its_appeal():
    campaign = make_campaign()
    donation, created = record(campaign, monthly=True)
    assert created
    donation.refresh_from_db()
    assert (donation.campaign, donation.amount_pence, donation.currency) == (campaign, 2_500, "GBP")
    assert (donation.monthly, donation.provider, donation.reference) == (True, "stripe", "pi_123")


def test_the_same_payment_confirmed_twice_is_one_donation_and_the_second_changes_nothing():
    campaign = make_campaign()
    first, created = record(campaign)
    again, created_again = record(campaign, amount_pence=9_999, email="someone@else.org")
    assert created and not created_again
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.amount_pence, again.email) == (2_500, "ada@example.org")
    assert Donation.objects.count() == 1
    assert appeal_progress(campaign).raised_pence == 2_500


def test_the_same_reference_from_another_provider_is_another_payment():
    campaign = make_campaign()
    record(campaign, provider="stripe")
    _, created = record(campaign, provider="demo")
    assert created
    assert Donation.objects.count() == 2


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"amount_pence": 0}, "more than £0"),
        ({"amount_pence": -500}, "more than £0"),
        ({"amount_pence": 100_000 * 100 + 1}, "at most £100,000"),
        ({"amount_pence": "2500"}, "whole number of pence"),
        ({"amount_pence": 25.0}, "whole number of pence"),
        ({"currency": "EUR"}, "pounds sterling"),
        ({"currency": ""}, "pounds sterling"),
        ({"reference": ""}, "payment reference"),
        ({"campaign_id": 999_999}, "no appeal with id 999999"),
    ],
)
def test_a_bad_donation_is_refused_with_a_clear_message_and_nothing_is_recorded(changes, message):
    campaign = make_campaign()
    with pytest.raises(ValueError, match=message):
        record(campaign, **changes)
    assert not Donation.objects.exists()


def test_the_largest_allowed_donation_is_taken():
    _, created = record(make_campaign(), amount_pence=100_000 * 100)
    assert created


def test_the_currency_code_may_come_in_lower_case_from_the_provider():
    donation, _ = record(make_campaign(), currency="gbp")
    assert donation.currency == "GBP"


def test_a_payment_confirmed_after_the_appeal_ended_is_still_recorded():
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    ended = make_campaign(starts_at=now - timedelta(days=9), ends_at=now - timedelta(minutes=1))
    _, created = record(ended)
    assert created


def test_supporters_are_people_not_payments():
    campaign = make_campaign()
    give(campaign, 1_000, email="ada@example.org")
    give(campaign, 1_000, email="  ADA@Example.org ", monthly=True)
    give(campaign, 500, email="bob@example.org")
    progress = appeal_progress(campaign)
    assert (progress.raised_pence, progress.supporters) == (2_500, 2)


def test_a_donation_rolled_back_with_its_transaction_is_not_counted():
    campaign = make_campaign()
    with pytest.raises(RuntimeError), transaction.atomic():
        record(campaign)
        raise RuntimeError("the webhook handler failed after recording")
    assert appeal_progress(campaign).raised_pence == 0
    # The provider retries the confirmation, and this time it sticks.
    _, created = record(campaign)
    assert created


def test_a_reader_sees_their_own_donations_newest_first():
    campaign = make_campaign()
    ada = make_reader("ada@example.org")
    bob = make_reader("bob@example.org")
    first, _ = give(campaign, 1_000, user_id=ada.pk)
    second, _ = give(campaign, 2_000, user_id=ada.pk, monthly=True)
    give(campaign, 3_000, user_id=bob.pk)
    give(campaign, 4_000, email="ada@example.org")  # given while logged out
    assert list(donations_for_user(ada)) == [second, first]


def test_an_anonymous_reader_has_no_donations_to_see():
    from django.contrib.auth.models import AnonymousUser

    give(make_campaign(), 1_000)
    assert list(donations_for_user(AnonymousUser())) == []
