"""Double opt-in by an emailed link, one click for logged-in readers, and the consent kept."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from masthead.newsletters.demo import create_demo_newsletters
from masthead.newsletters.models import Newsletter, Signup
from masthead.newsletters.tests.factories import make_newsletter
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


def confirm_link(message) -> str:
    return re.search(r"http://testserver(/newsletters/confirm/[^/\s]+/)", message.body).group(1)


def test_a_reader_signs_up_and_confirms_by_the_emailed_link(
    client, django_capture_on_commit_callbacks
):
    morning = make_newsletter("morning", name="The Morning Lantern")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/newsletters/", {"email": "new@example.org", "newsletters": [morning.pk]}
        )
    assert response.status_code == 302
    signup = Signup.objects.get(email="new@example.org")
    assert signup.status == Signup.Status.PENDING
    assert signup.consent_source == "http://testserver/newsletters/"
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["new@example.org"] and "The Morning Lantern" in letter.subject
    assert "text/html" in [kind for _, kind in letter.alternatives]

    page = client.get(confirm_link(letter))
    assert page.status_code == 200
    assert "Confirmed" in page.content.decode()
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    signup.refresh_from_db()
    assert signup.status == Signup.Status.CONFIRMED
    assert signup.consent_method == "double opt-in link" and signup.confirmed_at


def test_a_forged_or_tampered_confirmation_link_confirms_nothing(
    client, django_capture_on_commit_callbacks
):
    morning = make_newsletter()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/", {"email": "new@example.org", "newsletters": [morning.pk]})
    link = confirm_link(mail.outbox[0])
    assert client.get(link[:-3] + "xx/").status_code == 400
    assert client.get("/newsletters/confirm/1/").status_code == 400
    assert Signup.objects.get().status == Signup.Status.PENDING


def test_the_form_refuses_a_bad_address_and_letters_for_registered_readers_only(client):
    make_newsletter("morning")
    members = make_newsletter("members", audience="registered")
    response = client.post(
        "/newsletters/", {"email": "not-an-address", "newsletters": [members.pk]}
    )
    assert response.status_code == 400
    assert not Signup.objects.exists() and not mail.outbox


def test_a_logged_in_reader_signs_up_in_one_click_and_leaves_from_the_account_page(client):
    morning = make_newsletter("morning", name="The Morning Lantern")
    make_reader("robin@example.org")
    client.login(email="robin@example.org", password=PASSWORD)
    account = client.get("/account/").content.decode()
    assert "The Morning Lantern" in account and "Sign up" in account

    client.post("/newsletters/join/morning/", {"next": "account", "from": "account"})
    signup = Signup.objects.get(newsletter=morning)
    assert signup.status == Signup.Status.CONFIRMED
    assert signup.consent_method == "one click while logged in"
    assert signup.consent_source == "account page" and signup.user.email == "robin@example.org"
    assert not mail.outbox  # nothing to confirm: the account's address is known
    assert "you receive it" in client.get("/account/").content.decode()

    client.post("/newsletters/leave/morning/", {"next": "account"})
    signup.refresh_from_db()
    assert signup.status == Signup.Status.UNSUBSCRIBED


def test_the_business_group_edits_newsletters_and_editors_make_editions():
    business = Group.objects.get(name="Business").permissions.values_list("codename", flat=True)
    editors = Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    assert {"add_newsletter", "change_newsletter", "view_signup"} <= set(business)
    assert {"add_edition", "change_edition"} <= set(editors)
    assert "change_newsletter" not in set(editors)


def test_the_demo_has_a_morning_letter_and_a_section_letter_with_its_readers_on_it():
    from masthead.news.tests.factories import make_section

    make_section("World")
    create_demo_newsletters()
    assert Newsletter.objects.get(slug="world").section.slug == "world"
    on_morning = Signup.objects.filter(newsletter__slug="morning", status="confirmed")
    assert set(on_morning.values_list("email", flat=True)) == {
        "subscriber@example.com",
        "reader@example.com",
    }
    create_demo_newsletters()  # loading twice adds nothing
    assert Signup.objects.count() == 2
