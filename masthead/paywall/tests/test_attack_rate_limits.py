"""Hammering the roads that send mail or guess at secrets: each is limited, and says so.

From one address, again and again: newsletter sign-ups for one victim (each
a confirmation letter in their inbox), registrations, password resets,
failed log-ins behind the paper's proxy, gift links and offer codes. Past
each limit the reader gets the site's 429 page saying when to try again,
never a 500; other readers (other addresses) are not held up by it.

The suite runs with the limits raised (a shared Redis counts the whole run);
these tests put the configured ones back and come from addresses of their own.
"""

from __future__ import annotations

import random

import pytest
from django.core import mail
from django.test import Client

from masthead.newsletters.tests.factories import make_newsletter
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def configured_limits(settings):
    settings.MASTHEAD_RATE_LIMITS = dict(base.MASTHEAD_RATE_LIMITS)
    settings.ACCOUNT_RATE_LIMITS = dict(base.ACCOUNT_RATE_LIMITS)


def an_address() -> str:
    """An address no other test uses, so a shared Redis holds no count for it yet."""
    return "10." + ".".join(str(random.randrange(1, 255)) for _ in range(3))


def from_somewhere(**headers) -> Client:
    return Client(REMOTE_ADDR=an_address(), **headers)


def assert_too_many(response) -> None:
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many tries" in page and "try again" in page
    assert 'class="site-header"' in page  # the site's own page, not a bare error


class TestRateLimits:
    def test_eight_sign_ups_for_one_victim_mail_them_once_per_letter(
        self, django_capture_on_commit_callbacks
    ):
        letters = [make_newsletter("morning").pk, make_newsletter("evening").pk]
        for _ in range(8):
            with django_capture_on_commit_callbacks(execute=True):
                response = from_somewhere().post(
                    "/newsletters/", {"email": "victim@example.org", "newsletters": letters}
                )
            assert response.status_code == 302
        assert len(mail.outbox) == 2

    def test_the_sign_up_form_is_limited_per_address_with_a_clear_page(self):
        morning = make_newsletter("morning").pk
        hammer = from_somewhere()
        for n in range(10):
            response = hammer.post(
                "/newsletters/", {"email": f"r{n}@example.org", "newsletters": [morning]}
            )
            assert response.status_code == 302
        response = hammer.post(
            "/newsletters/", {"email": "r@example.org", "newsletters": [morning]}
        )
        assert_too_many(response)
        assert 0 < int(response["Retry-After"]) <= 3600
        assert "no-store" in response["Cache-Control"]
        assert "Please try again in" in response.content.decode()
        other = from_somewhere().post(
            "/newsletters/", {"email": "someone@example.org", "newsletters": [morning]}
        )
        assert other.status_code == 302

    def test_registrations_from_one_address_are_limited(self):
        hammer = from_somewhere()
        for n in range(10):
            response = hammer.post(
                "/accounts/signup/",
                {"email": f"new{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
            )
            assert response.status_code == 302
            hammer.logout()
        response = hammer.post(
            "/accounts/signup/",
            {"email": "new-last@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        assert_too_many(response)

    def test_password_reset_letters_to_one_address_are_limited(self):
        email = make_reader(f"forgetful-{an_address()}@example.org").email
        for _ in range(5):
            from_somewhere().post("/accounts/password/reset/", {"email": email})
        assert len([m for m in mail.outbox if email in m.to]) == 3

    def test_failed_log_ins_behind_the_proxy_hold_up_only_their_own_address(self, settings):
        settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1
        proxy = an_address()
        attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=an_address())
        for n in range(11):
            attacker.post(
                "/accounts/login/", {"login": f"guess{n}@example.org", "password": "wrong"}
            )
        refused = attacker.post(
            "/accounts/login/", {"login": "guess@example.org", "password": "wrong"}
        )
        assert "Too many failed login attempts" in refused.content.decode()
        make_reader("reader@example.org")
        reader = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=an_address())
        response = reader.post(
            "/accounts/login/", {"login": "reader@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302 and "_auth_user_id" in reader.session

    def test_gift_links_made_in_a_burst_are_limited(self):
        make_reader("giver@example.org", subscription="active")
        giver = from_somewhere()
        giver.login(email="giver@example.org", password=PASSWORD)
        for _ in range(30):
            assert giver.post("/gifts/new/999999/").status_code == 404
        assert_too_many(giver.post("/gifts/new/999999/"))

    def test_offer_codes_tried_one_after_another_are_limited(self):
        guesser = from_somewhere()
        for n in range(20):
            assert guesser.get(f"/subscribe/?code=GUESS{n}").status_code == 200
        assert_too_many(guesser.get("/subscribe/?code=GUESS-LAST"))
        assert from_somewhere().get("/subscribe/?code=MINE").status_code == 200
