"""The reader's account page: subscription, billing, donations, export, delete."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(client):
    user = make_reader("sub@example.com", subscription="active")
    client.login(email="sub@example.com", password=PASSWORD)
    return user


def test_the_account_page_shows_status_and_renewal_date(client, subscriber):
    renewal = Subscription.objects.get(user=subscriber).current_period_end
    page = client.get("/account/").content.decode()
    assert "Active" in page and "renews on" in page
    assert timezone.localtime(renewal).strftime("%-d %B %Y") in page


def test_the_account_page_needs_a_login(client, db):
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_export_gives_the_readers_data_as_json(client, subscriber, paper):
    client.get(paper["articles"]["vote"].url)
    response = client.get("/account/export/")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "sub@example.com"
    assert data["subscriptions"][0]["status"] == "active"
    assert data["donations"] == []
    assert isinstance(data["articles_read_this_month"], list)


def test_deleting_needs_the_email_typed_and_then_forgets_the_reader(client, subscriber):
    assert (
        client.post("/account/delete/", {"confirm_email": "wrong@example.com"}).status_code == 400
    )
    assert get_user_model().objects.filter(pk=subscriber.pk).exists()
    response = client.post("/account/delete/", {"confirm_email": "SUB@example.com"})
    assert response.status_code == 200 and b"has been deleted" in response.content
    assert not get_user_model().objects.filter(email="sub@example.com").exists()
    # The subscription stays in the revenue figures, ended, with nothing left that names the reader.
    assert list(Subscription.objects.values_list("user", "status")) == [(None, "canceled")]
    assert client.get("/account/").status_code == 302  # logged out


def test_registration_sends_a_verification_email_and_the_link_verifies(client, mailoutbox, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    link = next(w for w in message.body.split() if "/accounts/confirm-email/" in w)
    path = link[link.index("/accounts/") :]
    assert client.get(path).status_code in (200, 302)
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email="new@example.com").verified


def test_login_rate_limit_stops_guessing(client, db):
    make_reader("target@example.com")
    for i in range(6):
        client.post("/accounts/login/", {"login": "target@example.com", "password": f"guess-{i}"})
    # Even the right password is refused while the account is rate limited.
    response = client.post(
        "/accounts/login/", {"login": "target@example.com", "password": PASSWORD}
    )
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_plans_are_listed_on_the_subscribe_page(client, db):
    Plan.objects.create(name="Digital, monthly", price_pence=900, description="Every story.")
    Plan.objects.create(name="Old plan", price_pence=500, active=False)
    page = client.get("/subscribe/").content.decode()
    assert "Digital, monthly" in page and "£9" in page and "Old plan" not in page
    assert "Register to subscribe" in page


def test_a_cancelled_subscription_shows_when_it_ends(client, db):
    user = make_reader("leaving@example.com", subscription="active")
    Subscription.objects.filter(user=user).update(
        cancel_at_period_end=True, current_period_end=timezone.now() + timedelta(days=3)
    )
    client.login(email="leaving@example.com", password=PASSWORD)
    assert "ends on" in client.get("/account/").content.decode()


def test_a_reader_can_log_in_with_an_emailed_code(client, mailoutbox, db):
    make_reader("coder@example.com")
    response = client.post("/accounts/login/code/", {"email": "coder@example.com"})
    assert response.status_code == 302
    message = mailoutbox[-1]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)
    assert message.alternatives  # an HTML version too
    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_a_reader_can_reset_their_password_by_email(client, mailoutbox, db):
    make_reader("forgetful@example.com")
    assert (
        client.post("/accounts/password/reset/", {"email": "forgetful@example.com"}).status_code
        == 302
    )
    body = mailoutbox[-1].body
    link = next(word for word in body.split() if "/accounts/password/reset/key/" in word)
    path = link[link.index("/accounts/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "a-brand-new-pass-phrase", "password2": "a-brand-new-pass-phrase"},
    )
    assert response.status_code == 302
    assert client.login(email="forgetful@example.com", password="a-brand-new-pass-phrase")
