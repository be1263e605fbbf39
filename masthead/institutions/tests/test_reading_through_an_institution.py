"""Readers meet institutional access through the article pages: by network and by domain."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from masthead.institutions.lookup import institution_for_account
from masthead.institutions.models import InstitutionDomain
from masthead.institutions.tests.factories import OUTSIDE, make_institution, through_proxy
from masthead.news.tests.factories import make_article, make_section
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db

LAST_PARAGRAPH = b"the sixth paragraph nobody outside may read"


@pytest.fixture
def stories(db):
    news = make_section("News")
    now = timezone.now()
    return [
        make_article(
            news,
            f"Metered story {i}",
            paragraphs=[f"Story {i} paragraph {p}." for p in range(1, 6)]
            + [f"Story {i}: {LAST_PARAGRAPH.decode()}."],
            published_at=now - timedelta(hours=i + 1),
        )
        for i in range(1, 5)
    ]


@pytest.fixture
def library(db):
    return make_institution(ranges=["192.0.2.0/24", "2001:db8::/32"], domains=["example.edu"])


@pytest.fixture
def one_proxy(settings):
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1


def full(response) -> bool:
    assert response.status_code == 200
    return LAST_PARAGRAPH in response.content


def used(reader_id: str) -> int:
    return meter_store().used(reader_key=f"anon:{reader_id}", period=current_period())


def test_a_reader_inside_the_range_through_our_proxy_reads_in_full_and_the_meter_stays(
    client, stories, library, one_proxy
):
    reader_id = exhausted_reader(client)
    assert used(reader_id) == 5
    for story in stories:
        response = client.get(story.url, **through_proxy("192.0.2.10"))
        assert full(response)
        assert b"meter-notice" not in response.content and b'class="offer"' not in response.content
        assert "private" in response["Cache-Control"]
    assert used(reader_id) == 5
    # The same browser at home: the meter it had.
    assert not full(client.get(stories[0].url, **through_proxy(OUTSIDE)))


def test_a_new_browser_inside_the_range_gets_no_meter_cookie(client, stories, library, one_proxy):
    response = client.get(stories[0].url, **through_proxy("2001:db8::7"))
    assert full(response)
    assert "mh_reader" not in response.cookies


def test_an_address_the_client_claims_in_front_of_its_own_reads_metered(
    client, stories, library, one_proxy
):
    exhausted_reader(client)
    for claimed in ("192.0.2.10", "192.0.2.10, 192.0.2.11", "2001:db8::1"):
        response = client.get(stories[0].url, **through_proxy(OUTSIDE, claimed=claimed))
        assert not full(response), claimed
        assert b'class="offer"' in response.content


def test_without_a_trusted_proxy_only_the_socket_address_counts(client, stories, library):
    exhausted_reader(client)
    assert not full(client.get(stories[0].url, HTTP_X_FORWARDED_FOR="192.0.2.10"))
    assert full(client.get(stories[0].url, REMOTE_ADDR="192.0.2.10"))


def test_the_demo_s_own_address_reads_metered(client, stories, library):
    """From 127.0.0.1, as ``make serve`` is opened, the demo is the metered paper."""
    response = client.get(stories[0].url, REMOTE_ADDR="127.0.0.1")
    assert full(response)
    assert b"You have read 1 of 5" in response.content


def test_an_unverified_address_at_the_domain_is_metered_a_verified_one_reads_in_full(
    stories, library
):
    user = make_reader("student@example.edu", verified=False)
    browser = Client()
    browser.login(email="student@example.edu", password=PASSWORD)
    first = browser.get(stories[0].url)
    assert b"You have read 1 of 5" in first.content
    assert institution_for_account(user.pk) is None

    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()  # as allauth's confirmation does
    assert institution_for_account(user.pk) == library.pk
    for story in stories:
        response = browser.get(story.url)
        assert full(response) and b"meter-notice" not in response.content

    address.delete()  # the reader removes it: access through the domain ends at once
    response = browser.get(stories[1].url)
    assert b"meter-notice" in response.content


def test_a_subdomain_or_a_lookalike_is_not_the_institution_s_domain(stories, library):
    for email in ("a@alumni.example.edu", "b@example.edu.example.com", "c@notexample.edu"):
        make_reader(email)
        browser = Client()
        browser.login(email=email, password=PASSWORD)
        assert b"meter-notice" in browser.get(stories[0].url).content, email


def test_a_domain_removed_in_the_admin_ends_kept_account_answers(stories, library):
    make_reader("lecturer@Example.EDU")
    browser = Client()
    browser.login(email="lecturer@Example.EDU", password=PASSWORD)
    assert full(browser.get(stories[0].url))
    assert b"meter-notice" not in browser.get(stories[1].url).content
    InstitutionDomain.objects.filter(institution=library).delete()
    assert b"meter-notice" in browser.get(stories[2].url).content
    InstitutionDomain.objects.create(institution=library, domain="example.edu")
    assert b"meter-notice" not in browser.get(stories[3].url).content


def test_a_subscriber_of_their_own_is_not_counted_for_the_institution(stories, library):
    from masthead.institutions.reads import pending_institution_reads

    make_reader("paying@example.edu", subscription="active")
    browser = Client()
    browser.login(email="paying@example.edu", password=PASSWORD)
    assert full(browser.get(stories[0].url, REMOTE_ADDR="192.0.2.10"))
    assert pending_institution_reads() == {}


def test_the_privacy_page_says_what_institutional_access_keeps(client):
    page = client.get("/privacy/").content.decode()
    assert "Libraries and universities" in page
    assert "we do not record who read, or what" in page
