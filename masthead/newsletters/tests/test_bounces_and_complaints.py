"""Bounces and complaints from a provider's webhook (django-anymail) stop every letter to the address."""

import base64
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from masthead.newsletters.assembly import edition_assemble
from masthead.newsletters.models import Delivery, Signup, Suppression
from masthead.newsletters.sending import edition_send
from masthead.newsletters.tests.factories import confirmed, make_newsletter

pytestmark = pytest.mark.django_db

SECRET = "hook-user:hook-password"


def postmark_bounce(email: str) -> dict:
    return {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "TypeCode": 1,
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Email": email,
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account does not exist.",
        "BouncedAt": "2026-11-30T06:00:00Z",
        "Inactive": True,
        "CanActivate": True,
    }


def test_a_postmark_bounce_through_the_webhook_suppresses_the_address(client, settings, paper):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    morning = make_newsletter("morning")
    confirmed(morning, "gone@example.org")
    confirmed(morning, "here@example.org")
    edition_send(edition_assemble(morning))
    auth = "Basic " + base64.b64encode(SECRET.encode()).decode()
    url = "/newsletters/anymail/postmark/tracking/"
    forged = client.post(
        url, json.dumps(postmark_bounce("here@example.org")), content_type="application/json"
    )
    assert forged.status_code in (400, 401, 403)
    assert not Suppression.objects.exists()

    response = client.post(
        url,
        json.dumps(postmark_bounce("gone@example.org")),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 200
    assert Suppression.objects.get(email="gone@example.org").reason == "bounced"
    assert Signup.objects.get(email="gone@example.org").status == "bounced"
    assert Delivery.objects.get(email="gone@example.org").status == "bounced"


def test_without_a_webhook_secret_the_webhook_is_refused(client, settings, paper):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    morning = make_newsletter("morning")
    confirmed(morning, "kept@example.org")
    response = client.post(
        "/newsletters/anymail/postmark/tracking/",
        json.dumps(postmark_bounce("kept@example.org")),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Suppression.objects.exists()
    assert Signup.objects.get(email="kept@example.org").status == "confirmed"


def test_a_complaint_stops_every_newsletter_and_a_new_sign_up_cannot_restart_it(paper):
    morning, world = make_newsletter("morning"), make_newsletter("world")
    confirmed(morning, "angry@example.org")
    tracking.send(
        sender=object,
        event=AnymailTrackingEvent(event_type="complained", recipient="angry@example.org"),
        esp_name="Mailgun",
    )
    confirmed(world, "angry@example.org")  # e.g. imported later from an old list
    edition = edition_assemble(world)
    assert edition_send(edition).sent == 0
    assert Suppression.objects.get().reason == "complained"
    assert Signup.objects.get(newsletter=morning).status == "complained"
