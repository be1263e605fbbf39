"""Readers see what happened, on the next page they meet, in a live region; nobody else does."""

import re

import pytest
from django.test import Client

from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

REGION = re.compile(r'<div class="messages" role="status" aria-live="polite">(.*?)</div>', re.S)


def said(response) -> str:
    """The text of the page's message region (every reader page has one, empty or not)."""
    match = REGION.search(response.content.decode())
    assert match, "no message region on the page"
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()


def test_signing_up_says_check_your_email_and_confirming_says_confirmed(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "messages-new@example.com",
            "password1": "a-long-pass-77",
            "password2": "a-long-pass-77",
        },
        follow=True,
    )
    assert "Confirmation email sent to messages-new@example.com" in said(response)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    confirmed = client.get(link.split("testserver", 1)[1], follow=True)
    assert "You have confirmed messages-new@example.com" in said(confirmed)
    # Said once: the next page is quiet.
    assert said(client.get("/account/")) == ""


def test_logging_out_is_said_on_the_front_page_and_never_kept_for_other_readers(paper):
    warm = Client()
    for _ in range(2):  # the front is in the shared cache
        warm.get("/")
    reader = make_reader("reader@example.com")
    client = Client()
    client.login(email=reader.email, password=PASSWORD)
    front = client.post("/accounts/logout/", follow=True)
    assert front.redirect_chain[-1][0] == "/"
    assert "You have logged out" in said(front)
    assert front["Cache-Control"] == "private, no-store"
    assert front.get("X-Masthead-Cache") != "hit"
    # Anybody else, and the same reader next time, gets the front with nothing to say.
    for other in (Client(), client):
        again = other.get("/")
        assert said(again) == ""
        assert b"You have logged out" not in again.content


def test_a_message_on_an_article_is_not_kept_with_it(paper):
    article = paper["articles"]["leader"]  # free to read: kept and public for anonymous readers
    url = article.url
    for _ in range(2):
        Client().get(url)
    reader = make_reader("article-reader@example.com")
    client = Client()
    client.login(email=reader.email, password=PASSWORD)
    client.post("/accounts/logout/")
    with_message = client.get(url)
    assert "You have logged out" in said(with_message)
    assert with_message["Cache-Control"] == "private, no-store"
    assert "You have logged out" not in said(Client().get(url))
