"""An edition over real SMTP: the subscriber's copy in full, everyone else's teasers and signed links."""

import re

import pytest
from django.test import Client

from masthead.newsletters.assembly import edition_assemble
from masthead.newsletters.models import Click, Delivery, Edition, Signup
from masthead.newsletters.sending import edition_send
from masthead.newsletters.tests.factories import confirmed, make_newsletter
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db

WITHHELD = "zanzibarite result"  # the third paragraph of the strike story: past the teaser


def parts(message) -> tuple[str, str]:
    return (
        message.get_body(preferencelist=("plain",)).get_content(),
        message.get_body(preferencelist=("html",)).get_content(),
    )


@pytest.fixture
def sent(paper, smtp):
    morning = make_newsletter("morning", name="The Morning Lantern")
    subscriber = make_reader("sub@example.org", subscription="active")
    confirmed(morning, "sub@example.org", user=subscriber)
    confirmed(morning, "reader@example.org")
    confirmed(morning, "Casual@Example.org")
    edition = edition_assemble(morning)
    report = edition_send(edition)
    return {"edition": edition, "report": report, "inbox": smtp, "paper": paper}


def test_each_confirmed_reader_gets_one_multipart_copy_with_one_click_unsubscribe(sent):
    inbox, report = sent["inbox"], sent["report"]
    assert report.sent == 3
    assert sorted(m["To"] for m in inbox.messages) == sorted(
        ["sub@example.org", "reader@example.org", "Casual@Example.org"]
    )
    for message in inbox.messages:
        kinds = sorted(p.get_content_type() for p in message.walk() if not p.is_multipart())
        assert kinds == ["text/html", "text/plain"]
        https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
        assert https.startswith("http://testserver/newsletters/unsubscribe/")
        assert mailto.startswith("mailto:") and "subject=unsubscribe" in mailto
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text, html = parts(message)
        assert https in text and https in html  # the visible link is the same one
    ids = {m["Message-ID"] for m in inbox.messages}
    assert len(ids) == 3
    assert Edition.objects.get().status == Edition.Status.SENT


def test_the_subscriber_reads_in_full_and_nobody_else_gets_a_withheld_sentence(sent):
    by_address = {m["To"]: m for m in sent["inbox"].messages}
    text, html = parts(by_address["sub@example.org"])
    assert WITHHELD in text and WITHHELD in html
    for address in ("reader@example.org", "Casual@Example.org"):
        message = by_address[address]
        raw = message.as_string()
        assert WITHHELD not in raw
        text, html = parts(message)
        assert "Continue reading" in text and "Continue reading" in html
        assert "Dockers at the harbour voted to walk out on Monday." in text  # the teaser
        assert "Workers at the port reject a four per cent offer." in text  # the standfirst
    leader = sent["paper"]["articles"]["leader"]  # free to read: everyone gets it whole
    assert leader.title in parts(by_address["reader@example.org"])[0]


def test_a_continue_link_counts_the_click_and_opens_the_article_as_a_free_read(sent):
    message = next(m for m in sent["inbox"].messages if m["To"] == "reader@example.org")
    text, _ = parts(message)
    links = re.findall(r"Continue reading: (http://testserver(/newsletters/read/[^\s]+/))", text)
    assert links
    reader = Client()
    response = reader.get(links[0][1])
    assert response.status_code == 302
    assert response["Location"].endswith(f"?from=email&edition={sent['edition'].pk}")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    article = reader.get(response["Location"], follow=True)
    assert article.status_code == 200
    click = Click.objects.get()
    assert click.full_read and click.delivery.email == "reader@example.org"
    assert click.edition == sent["edition"]
    forged = links[0][1][:-4] + "abc/"
    assert reader.get(forged).status_code == 404
    assert Click.objects.count() == 1


def test_one_click_unsubscribe_by_a_post_with_no_cookie_stops_the_next_edition(sent, smtp):
    message = next(m for m in sent["inbox"].messages if m["To"] == "reader@example.org")
    https = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])[0]
    path = https.removeprefix("http://testserver")
    provider = Client(enforce_csrf_checks=True)  # a mailbox provider: no cookie, no CSRF token
    page = provider.get(path)
    assert page.status_code == 200 and b"<button" in page.content
    assert (
        Signup.objects.get(email="reader@example.org").status == "confirmed"
    )  # GET changes nothing
    response = provider.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    signup = Signup.objects.get(email="reader@example.org")
    assert signup.status == Signup.Status.UNSUBSCRIBED
    assert signup.unsubscribed_from == sent["edition"]

    from datetime import timedelta

    edition = edition_assemble(sent["edition"].newsletter, on=sent["edition"].date + timedelta(1))
    smtp.messages.clear()
    edition_send(edition)
    assert "reader@example.org" not in [m["To"] for m in smtp.messages]
    assert len(smtp.messages) == 2


def test_sending_again_sends_nobody_a_second_copy(sent, smtp):
    smtp.messages.clear()
    report = edition_send(sent["edition"])
    assert report.sent == 0 and smtp.messages == []
    assert Delivery.objects.filter(status="sent").count() == 3


def test_the_web_copy_is_everyones_teaser_version(sent, client):
    edition = sent["edition"]
    response = client.get(edition.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Continue reading" in body and WITHHELD not in body
    assert "/newsletters/read/" not in body and "unsubscribe" not in body.lower()
    assert client.get("/newsletters/morning/2001-01-01/").status_code == 404
    assert client.get("/newsletters/morning/not-a-date/").status_code == 404


def test_the_revenue_page_shows_each_editions_reading_without_a_pixel(sent, client):
    from masthead.newsletters.services import suppress
    from masthead.subscriptions.models import Subscription

    robin = make_reader("reader@example.org")
    Signup.objects.filter(email="reader@example.org").update(user=robin)
    message = next(m for m in sent["inbox"].messages if m["To"] == "reader@example.org")
    text, _ = parts(message)
    links = re.findall(r"Continue reading: http://testserver(/newsletters/read/[^\s]+/)", text)
    Client().get(links[0])
    Client().get(links[0])  # the same reader again: two clicks, one reader
    Subscription.objects.create(user=robin, status="active", plan_name="Digital")
    suppress(email="Casual@Example.org", reason="bounced")
    unsubscribe = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])[0]
    Client().post(unsubscribe.removeprefix("http://testserver"))

    assert "<img" not in parts(message)[1].split("Continue reading")[-1]  # no pixel at the foot
    publisher = make_reader("publisher@example.org", staff=True)
    publisher.is_superuser = True
    publisher.save()
    client.force_login(publisher)
    page = client.get("/admin/revenue/").content.decode()
    row = re.search(r'id="newsletter-figures".*?<tbody>\s*<tr>(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td>(\d+)</td>", row)
    # sent, bounced, unsubscribed, clicks, readers who clicked, full reads, subscribed after
    assert cells == ["3", "1", "1", "2", "1", "2", "1"]
