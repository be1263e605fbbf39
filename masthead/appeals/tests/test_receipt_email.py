"""One receipt per donation: plain text and HTML, sent only once the donation is committed."""

import pytest
from django.db import transaction
from django.utils import timezone

from masthead.appeals.tests.factories import make_campaign
from masthead.appeals.tests.test_donation_record import record

pytestmark = pytest.mark.django_db


def test_a_donation_sends_one_receipt_and_a_replayed_confirmation_sends_none(
    mailoutbox, django_capture_on_commit_callbacks
):
    campaign = make_campaign(name="The Winter Appeal")
    with django_capture_on_commit_callbacks(execute=True):
        record(campaign, reference="pi_once")
    with django_capture_on_commit_callbacks(execute=True):
        record(campaign, reference="pi_once")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ada@example.org"]


def test_the_receipt_says_what_was_given_how_often_to_which_appeal_and_when(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.MASTHEAD_PUBLICATION_NAME = "The Daily Lantern"
    settings.DEFAULT_FROM_EMAIL = "supporters@lantern.example"
    campaign = make_campaign(name="The Winter Appeal")
    with django_capture_on_commit_callbacks(execute=True):
        donation, _ = record(campaign, amount_pence=1_250, monthly=True, reference="in_42")
    (message,) = mailoutbox
    assert message.subject == "Thank you for supporting The Daily Lantern"
    assert message.from_email == "supporters@lantern.example"
    day = timezone.localtime(donation.created_at).strftime("%-d %B %Y")
    for text in ("£12.50", "monthly", "The Winter Appeal", day, "in_42"):
        assert text in message.body, text
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    for text in ("£12.50", "monthly", "The Winter Appeal", day):
        assert text in html, text


def test_a_one_off_receipt_says_one_off(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(make_campaign(), amount_pence=500, monthly=False)
    assert "one-off donation of £5" in mailoutbox[0].body
    assert "each month" not in mailoutbox[0].body


def test_the_plain_text_receipt_is_not_html_escaped(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(make_campaign(name="Fish & Chips Fund"))
    assert "Fish & Chips Fund" in mailoutbox[0].body
    assert "Fish &amp; Chips Fund" in mailoutbox[0].alternatives[0][0]


def test_no_receipt_for_a_donation_whose_transaction_rolled_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    campaign = make_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            record(campaign)
            raise RuntimeError("rolled back")
    assert mailoutbox == []


def test_a_mail_server_outage_is_logged_and_does_not_fail_the_confirmation(
    mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from masthead.appeals import services
    from masthead.appeals.models import Donation

    def refuse(donation):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr(services, "send_donation_receipt", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        _, created = record(make_campaign())
    assert created
    assert Donation.objects.count() == 1
