"""The demo keeps every email it sends in a mailbox that staff read in the admin."""

import email
import email.policy
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.admin.menu import admin_menu

from masthead.mailbox import store

MAILBOX = "masthead.mailbox.backend.EmailBackend"
PASSWORD = "a-long-demo-password"


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.EMAIL_BACKEND = MAILBOX
    settings.MASTHEAD_MAILBOX_DIR = tmp_path / "mail"
    return tmp_path / "mail"


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user(email="robin@example.com", password=PASSWORD)


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        email="eve@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))  # Wagtail's group, with admin access
    return user


def dev_email_settings(**env) -> dict:
    code = (
        "import json, masthead.settings.dev as s;"
        "print(json.dumps({'backend': s.EMAIL_BACKEND, 'host': getattr(s, 'EMAIL_HOST', '')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_demo_keeps_its_mail_unless_it_is_given_a_mail_server():
    assert dev_email_settings()["backend"] == MAILBOX
    given = dev_email_settings(MASTHEAD_EMAIL_HOST="smtp.example.org")
    assert given == {
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "host": "smtp.example.org",
    }


def test_a_password_reset_lands_in_the_mailbox_and_the_page_says_where(mailbox, client, reader):
    response = client.post("/accounts/password/reset/", {"email": reader.email}, follow=True)

    assert "newsroom mailbox" in response.content.decode()
    assert 'href="/admin/mailbox/"' in response.content.decode()
    kept = [store.read(message_id) for message_id in store.ids()]
    assert [k.to for k in kept] == [reader.email]
    assert "/accounts/password/reset/key/" in kept[0].text
    assert mail.outbox == []  # kept, not sent


def test_staff_read_the_mailbox_newest_first_as_text_and_as_html(mailbox, client, editor):
    mail.send_mail("First letter", "Plain one.", None, ["a@example.com"])
    message = mail.EmailMultiAlternatives("Second letter", "Plain two.", None, ["b@example.com"])
    message.attach_alternative("<p>Rich <script>alert(1)</script>two.</p>", "text/html")
    message.send()
    client.force_login(editor)

    listing = client.get("/admin/mailbox/").content.decode()
    assert listing.index("Second letter") < listing.index("First letter")
    assert "b@example.com" in listing

    newest = store.ids()[0]
    page = client.get(f"/admin/mailbox/{newest}/").content.decode()
    assert "Plain two." in page
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page  # only inside srcdoc
    raw = client.get(f"/admin/mailbox/{newest}/raw/")
    parsed = email.message_from_bytes(raw.content, policy=email.policy.default)
    assert parsed["Subject"] == "Second letter"


def test_the_mailbox_is_in_the_menu_for_staff_only_while_it_is_in_use(
    mailbox, rf, editor, settings
):
    request = rf.get("/admin/")
    request.user = editor
    labels = [item.label for item in admin_menu.menu_items_for_request(request)]
    assert "Mailbox" in labels
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    labels = [item.label for item in admin_menu.menu_items_for_request(request)]
    assert "Mailbox" not in labels


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_readers_and_anonymous_cannot_open_the_mailbox(mailbox, client, reader, who):
    mail.send_mail("Your password reset", "A secret link.", None, ["x@example.com"])
    if who == "reader":
        client.force_login(reader)
    newest = store.ids()[0]
    for url in ("/admin/mailbox/", f"/admin/mailbox/{newest}/", f"/admin/mailbox/{newest}/raw/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"A secret link" not in response.content
        assert b"Your password reset" not in response.content


def test_a_site_that_sends_its_mail_has_no_mailbox_and_says_nothing(client, editor, reader):
    client.force_login(editor)
    assert client.get("/admin/mailbox/").status_code == 404

    client.logout()
    response = client.post("/accounts/password/reset/", {"email": reader.email}, follow=True)
    assert "mailbox" not in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_new_reader_is_told_where_the_confirmation_went(mailbox, client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert "Confirmation email sent to new@example.com" in response.content.decode()
    assert "newsroom mailbox at /admin/mailbox/" in response.content.decode()
    assert [store.read(i).to for i in store.ids()] == ["new@example.com"]


def test_only_the_newest_messages_are_kept(mailbox, monkeypatch):
    monkeypatch.setattr(store, "KEEP", 3)
    for n in range(5):
        mail.send_mail(f"Letter {n}", "Text.", None, ["a@example.com"])
    assert [store.read(i).subject for i in store.ids()] == ["Letter 4", "Letter 3", "Letter 2"]


def test_the_newsletter_sign_up_says_where_its_confirmation_will_be(mailbox, client, db):
    page = client.get("/newsletters/").content.decode()
    assert "We will email you a link to confirm" in page
    assert "newsroom mailbox" in page


def test_the_sign_in_code_page_says_where_the_code_went(mailbox, client, reader):
    response = client.post("/accounts/login/code/", {"email": reader.email}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/code/confirm/"
    assert "newsroom mailbox" in response.content.decode()
    assert [store.read(i).to for i in store.ids()] == [reader.email]
