"""The reader's account forms speak as the site does and tie each message to its field.

"Log in", "Sign up" and "Log out" everywhere, in sentence case (allauth's own pages
said "Sign In", "Sign Up" and "sign in"); labels without a trailing colon; a
label for every box; an error beside its field, named by the box's aria-describedby.
"""

import re

import pytest
from django.test import Client

from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

MAIN = re.compile(r"<main\b.*?</main>", re.S)
ALLAUTH_WORDS = re.compile(
    r"\b[Ss]ign[ -]?(?:[Ii]n|[Oo]ut)\b|Sign Up|Signup\b|Remember Me|Password \(again\)"
)
LABEL = re.compile(r"<label\b[^>]*>(.*?)</label>", re.S)

LOGGED_OUT_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-not-a-key/",
    "/accounts/login/code/",
    "/accounts/confirm-email/not-a-key/",
    "/accounts/inactive/",
]
LOGGED_IN_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/account/",
    "/account/delete/",
]


def main_of(response) -> str:
    assert response.status_code == 200, response
    return MAIN.search(response.content.decode()).group(0)


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def reader_client(db):
    make_reader("forms@example.com")
    client = Client()
    client.login(email="forms@example.com", password=PASSWORD)
    return client


def test_every_account_page_says_log_in_sign_up_and_log_out(client, reader_client):
    pages = {path: main_of(client.get(path)) for path in LOGGED_OUT_PAGES}
    pages |= {path: main_of(reader_client.get(path)) for path in LOGGED_IN_PAGES}
    for path, html in pages.items():
        assert not ALLAUTH_WORDS.search(words(html)), (path, ALLAUTH_WORDS.search(words(html)))
        for label in LABEL.findall(html):
            assert not words(label).strip().endswith(":"), (path, label)
    assert "Log in" in words(pages["/accounts/login/"])
    assert "Sign up" in words(pages["/accounts/signup/"])
    assert "Log out" in words(pages["/accounts/logout/"])


def test_the_log_in_form_labels_every_box_above_it_and_has_no_placeholders(client):
    html = main_of(client.get("/accounts/login/"))
    for box in re.findall(r"<input\b[^>]*>", html):
        if 'type="hidden"' in box:
            continue
        assert "placeholder" not in box
        box_id = re.search(r'id="([^"]+)"', box).group(1)
        assert f'for="{box_id}"' in html, box
    assert "Email address" in html and "Keep me logged in on this device" in html
    # The checkbox is inside its label, with its words.
    assert re.search(r'<label class="check" for="id_remember"><input type="checkbox"', html)


def test_a_mistake_is_said_beside_its_field_and_tied_to_the_box(client):
    response = client.post(
        "/accounts/signup/", {"email": "not-an-address", "password1": "", "password2": ""}
    )
    html = main_of(response)
    assert 'role="alert"' in html and "Please check the form" in html
    box = re.search(r'<input\b[^>]*name="email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in box
    described = re.search(r'aria-describedby="([^"]+)"', box).group(1).split()
    assert "id_email_error" in described
    error = re.search(r'<p class="field__error" id="id_email_error">([^<]+)</p>', html)
    assert error and "valid email address" in error.group(1)
    # Beside it: inside the same field, before the next field begins.
    field = html[html.index('for="id_email"') : html.index('for="id_password1"')]
    assert 'id="id_email_error"' in field and 'name="email"' in field
    # The password's rules are its help, tied to it too.
    password = re.search(r'<input\b[^>]*name="password1"[^>]*>', html).group(0)
    assert "id_password1_helptext" in password


def test_a_wrong_password_is_said_once_at_the_top_of_the_log_in_form(client):
    make_reader("someone@example.com")
    html = main_of(
        client.post("/accounts/login/", {"login": "someone@example.com", "password": "wrong"})
    )
    alert = re.search(r'<div class="form__errors" role="alert">(.*?)</div>', html, re.S)
    assert alert and "not correct" in alert.group(1)
    assert html.count("not correct") == 1


def test_logging_in_and_out_is_said_in_the_same_words(client):
    make_reader("words@example.com")
    logged_in = client.post(
        "/accounts/login/", {"login": "words@example.com", "password": PASSWORD}, follow=True
    )
    assert "You are logged in as" in logged_in.content.decode()
    logged_out = client.post("/accounts/logout/", follow=True)
    assert "You have logged out." in logged_out.content.decode()


def test_the_log_in_code_email_says_log_in(client, mailoutbox):
    make_reader("coded@example.com")
    client.post("/accounts/login/code/", {"email": "coded@example.com"})
    letter = mailoutbox[-1]
    assert "log-in code" in letter.subject.lower() and "Your log-in code" in letter.body
    assert not ALLAUTH_WORDS.search(letter.subject + letter.body)
