"""An account registered with someone else's address, never verified, as a road to their letters.

The attacker signs up with the victim's address and does not (cannot) follow
the verification link. Through that account they try to join letters in the
victim's name (lifting the victim's "left everything"), to read and download
the victim's sign-ups and consent, to take the victim off a letter, and to
delete all of it by deleting the account. None of it may work; the same
account, once verified, may do each.
"""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from masthead.newsletters.models import Delivery, Edition, Signup, Suppression
from masthead.newsletters.tests.factories import confirmed, make_newsletter
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"


@pytest.fixture
def morning():
    return make_newsletter("morning", name="The Morning Lantern")


@pytest.fixture
def attacker():
    """Logged in as an account holding the victim's address, unverified."""
    make_reader(VICTIM, verified=False)
    client = Client()
    assert client.login(email=VICTIM, password=PASSWORD)
    return client


class TestUnverifiedAddress:
    def test_joining_sends_the_owner_a_confirmation_and_lifts_no_suppression(
        self, morning, attacker, django_capture_on_commit_callbacks
    ):
        Suppression.objects.create(email=VICTIM, reason=Suppression.Reason.UNSUBSCRIBED_ALL)
        with django_capture_on_commit_callbacks(execute=True):
            response = attacker.post("/newsletters/join/morning/", follow=True)
        assert "Follow its link to confirm" in response.content.decode()
        assert Suppression.objects.filter(email=VICTIM).exists()
        assert not Signup.objects.filter(status=Signup.Status.CONFIRMED).exists()
        page = attacker.get("/newsletters/").content.decode()
        assert "You receive it" not in page and "Your address is not verified yet" in page

    def test_the_owners_letters_and_consent_are_not_shown_or_exported(self, morning, attacker):
        confirmed(morning, VICTIM)
        assert "You receive it" not in attacker.get("/newsletters/").content.decode()
        assert "you receive it" not in attacker.get("/account/").content.decode()
        export = json.loads(attacker.get("/account/export/").content)
        assert export["newsletters"] == []

    def test_the_owner_is_not_taken_off_a_letter(self, morning, attacker):
        signup = confirmed(morning, VICTIM)
        attacker.post("/newsletters/leave/morning/")
        signup.refresh_from_db()
        assert signup.status == Signup.Status.CONFIRMED

    def test_deleting_the_account_leaves_the_owners_sign_ups_and_deliveries(
        self, morning, attacker
    ):
        signup = confirmed(morning, VICTIM)
        edition = Edition.objects.create(newsletter=morning, subject="Monday")
        Delivery.objects.create(edition=edition, email=VICTIM)
        response = attacker.post("/account/delete/", {"confirm_email": VICTIM})
        assert response.status_code == 200
        signup.refresh_from_db()
        assert signup.status == Signup.Status.CONFIRMED
        assert Delivery.objects.filter(email=VICTIM).exists()

    def test_once_verified_the_account_acts_for_its_address(self, morning, attacker):
        confirmed(morning, VICTIM)
        EmailAddress.objects.filter(email=VICTIM).update(verified=True)
        page = attacker.get("/newsletters/").content.decode()
        assert "You receive it" in page and "not verified" not in page
        assert json.loads(attacker.get("/account/export/").content)["newsletters"]
        attacker.post("/newsletters/leave/morning/")
        assert Signup.objects.get().status == Signup.Status.UNSUBSCRIBED
        mail.outbox.clear()
        attacker.post("/newsletters/join/morning/")
        assert Signup.objects.get().status == Signup.Status.CONFIRMED and not mail.outbox
