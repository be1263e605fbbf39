"""Emails from the paper: its name, logo and address, links on its configured address, text and HTML."""

import re

import pytest
from wagtail.models import Site

from masthead.core.site_address import address_of, follow_base_url

pytestmark = pytest.mark.django_db
BASE_URL = "http://127.0.0.1:8790"


@pytest.fixture
def configured(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.MASTHEAD_PUBLICATION_ADDRESS = "14 Quay Street, Ardmouth"


def html_of(message) -> str:
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def test_the_verification_email_comes_from_the_paper_not_from_a_host(
    client, mailoutbox, configured
):
    client.post(
        "/accounts/signup/",
        {
            "email": "letters-new@example.com",
            "password1": "a-long-pass-77",
            "password2": "a-long-pass-77",
        },
    )
    (letter,) = mailoutbox
    assert letter.subject.startswith("The Daily Lantern: ")
    assert letter.from_email == "The Daily Lantern <newsroom@localhost>"
    assert letter.body.startswith("Hello from The Daily Lantern.")
    assert "testserver!" not in letter.body and "Hello from testserver" not in letter.body
    assert "14 Quay Street, Ardmouth" in letter.body
    html = html_of(letter)
    assert "The Daily Lantern" in html and "14 Quay Street, Ardmouth" in html
    assert f'src="{BASE_URL}/static/masthead/logo.png"' in html
    assert re.search(r'href="http://testserver/accounts/confirm-email/[^"]+"', html)


def test_a_letter_written_only_as_text_still_comes_in_the_papers_html(
    client, mailoutbox, configured
):
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    (letter,) = mailoutbox  # "no account with this address", which allauth writes as text only
    html = html_of(letter)
    assert "The Daily Lantern" in html and "14 Quay Street, Ardmouth" in html
    assert "nobody@example.com" in html


def test_a_donation_receipt_links_to_the_configured_address(
    mailoutbox, configured, django_capture_on_commit_callbacks
):
    from masthead.appeals.services import donation_record
    from masthead.appeals.tests.factories import make_campaign

    with django_capture_on_commit_callbacks(execute=True):
        donation_record(
            campaign_id=make_campaign().pk,
            amount_pence=1000,
            currency="GBP",
            monthly=False,
            email="giver@example.com",
            user_id=None,
            provider="demo",
            reference="demo-receipt",
        )
    (letter,) = mailoutbox
    for part in (letter.body, html_of(letter)):
        assert f"{BASE_URL}/support/" in part and "127.0.0.1:8000" not in part
        assert "14 Quay Street, Ardmouth" in part


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8790", ("127.0.0.1", 8790)),
        ("https://news.example.org/", ("news.example.org", 443)),
        ("http://news.example.org", ("news.example.org", 80)),
        ("ftp://news.example.org", None),
        ("http://:99999", None),
        ("not a url", None),
    ],
)
def test_the_address_of_a_base_url(url, address):
    assert address_of(url) == address


def test_the_default_site_follows_the_base_url_so_newsroom_emails_link_to_it(paper, monkeypatch):
    monkeypatch.setenv("MASTHEAD_BASE_URL", BASE_URL)
    follow_base_url()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8790)
    # What Wagtail's approval email links to.
    assert paper["articles"]["vote"].full_url.startswith(f"{BASE_URL}/britain/")
