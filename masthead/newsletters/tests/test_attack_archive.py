"""A letter's archive and the web copies it links to, as a road to the text (PAYWALL-THREATS.md).

An edition carrying every metered story of the demo paper is sent; readers of
every kind, and made-up crawlers, read the archive and each web copy by every
method and representation the bypass tools try. Each answer is searched for the
withheld text in every form by the attack suite's own probe; the archive holds
titles and links only, and the web copy each story's teaser, so an error page
cannot pass.
"""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import timezone

from masthead.newsletters.models import Edition, EditionStory, Newsletter
from masthead.paywall.tests.factories import make_reader
from masthead.paywall.tests.test_attack_suite import (
    demo,  # noqa: F401 - the fixture
    demo_targets,  # noqa: F401 - the fixture
    exhausted_reader,
    leaks,
    metered,
)

pytestmark = pytest.mark.django_db

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def sent_edition(demo):  # noqa: F811 - the fixture above
    morning = Newsletter.objects.get(slug="morning")
    edition = Edition.objects.create(
        newsletter=morning,
        subject="Everything today",
        status=Edition.Status.SENT,
        sent_at=timezone.now(),
    )
    EditionStory.objects.bulk_create(
        EditionStory(edition=edition, article=t.article, sort_order=i)
        for i, t in enumerate(metered(demo))
    )
    return edition


def readers() -> dict[str, Client]:
    past_the_limit = Client()
    exhausted_reader(past_the_limit)
    crawler = Client(HTTP_USER_AGENT=GOOGLEBOT, HTTP_X_FORWARDED_FOR="66.249.66.1")
    registered = Client()
    registered.force_login(make_reader("archive-reader@example.org"))
    return {
        "a reader past the month's allowance": past_the_limit,
        "a made-up Googlebot": crawler,
        "a registered reader": registered,
    }


def variants(client: Client, url: str):
    yield "GET", client.get(url)
    yield "HEAD", client.head(url)
    yield "?format=json", client.get(url, {"format": "json"})
    yield "Accept: JSON", client.get(url, HTTP_ACCEPT="application/json")
    yield "?amp", client.get(url + "?amp")
    yield "a Google referral", client.get(url, HTTP_REFERER="https://www.google.com/")


def test_the_archive_and_the_web_copies_give_no_reader_the_withheld_text(
    sent_edition,
    demo,  # noqa: F811 - the fixture above
):
    targets = metered(demo)
    assert len(targets) >= 30
    archive, web_copy = "/newsletters/morning/", sent_edition.get_absolute_url()
    for who, client in readers().items():
        for how, response in variants(client, archive):
            assert response.status_code == 200, (who, how)
            for target in targets:
                found = leaks(response, target)
                assert not found, f"the archive, {how}, to {who}, leaked {target.article.url}"
        page = client.get(archive).content.decode()
        assert f'href="{web_copy}">Everything today</a>' in page
        assert not any(html.escape(t.teaser[0][:60]) in page for t in targets)  # titles only
        for how, response in variants(client, web_copy):
            assert response.status_code == 200, (who, how)
            for target in targets:
                found = leaks(response, target)
                assert not found, f"the web copy, {how}, to {who}, leaked {target.article.url}"
        body = html.unescape(client.get(web_copy).content.decode())
        for target in targets:  # the teaser is there: the probe read the real copy
            assert target.teaser[0][:60] in body, target.article.url


def test_a_subscriber_finds_the_same_teaser_web_copy(sent_edition, demo):  # noqa: F811
    client = Client()
    client.force_login(make_reader("archive-sub@example.org", subscription="active"))
    response = client.get(sent_edition.get_absolute_url())
    assert response.status_code == 200
    for target in metered(demo):
        assert not leaks(response, target), target.article.url
