"""Metered access as readers meet it, through the article pages."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.news.tests.factories import make_article, make_section
from masthead.paywall.identity import READER_COOKIE
from masthead.paywall.models import MeterSettings
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(db):
    """Twelve metered stories over two sections, one free story and one in a free section."""
    news, sport = make_section("News"), make_section("Sport")
    opinion = make_section("Opinion", free_to_read=True)
    now = timezone.now()
    metered = [
        make_article(
            news if i % 2 else sport,
            f"Metered story {i:02d}",
            paragraphs=[f"Story {i:02d} paragraph {p} with its own words." for p in range(1, 7)],
            published_at=now - timedelta(hours=i + 1),
        )
        for i in range(1, 13)
    ]
    free = make_article(news, "Free story for everyone", free_to_read=True)
    leader = make_article(opinion, "Our view from the free section")
    return {"metered": metered, "free": free, "leader": leader}


def read(client, article, **extra):
    response = client.get(article.url, **extra)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    notice = soup.select_one(".meter-notice")
    offer = soup.select_one(".offer h2")
    return {
        "response": response,
        "full": "paragraph 6" in soup.text or "Paragraph 6" in soup.text,
        "paragraphs": len(soup.select(".article__body p")),
        "notice": " ".join(notice.text.split()) if notice else None,
        "offer": offer.text if offer else None,
        "boxes": len(soup.select(".offer")),
    }


def test_an_anonymous_reader_reads_five_in_full_then_meets_the_registration_wall(client, shelf):
    for n, article in enumerate(shelf["metered"][:5], start=1):
        seen = read(client, article)
        assert seen["full"] and seen["offer"] is None
        assert seen["notice"].startswith(f"You have read {n} of 5 free articles this month.")
    sixth = read(client, shelf["metered"][5])
    assert not sixth["full"]
    assert sixth["paragraphs"] == 2  # the default teaser
    assert sixth["offer"] == "Register to keep reading"
    assert sixth["notice"] is None and sixth["boxes"] == 1


def test_rereading_a_counted_article_is_free(client, shelf):
    for article in shelf["metered"][:5]:
        read(client, article)
    again = read(client, shelf["metered"][0])
    assert again["full"] and again["notice"].startswith("You have read 5 of 5")


def test_one_allowance_covers_every_section(client, shelf):
    news = [a for a in shelf["metered"] if a.section.title == "News"]
    sport = [a for a in shelf["metered"] if a.section.title == "Sport"]
    for article in news[:3] + sport[:2]:
        assert read(client, article)["full"]
    assert not read(client, sport[2])["full"]


def test_fronts_author_topic_and_search_pages_are_never_metered(client, shelf):
    article = shelf["metered"][0]
    author = article.authors[0]
    for url in ["/", "/news/", "/sport/", author.get_absolute_url(), "/search/?q=story"]:
        assert client.get(url).status_code == 200
    assert read(client, article)["notice"].startswith("You have read 1 of 5")


def test_free_articles_and_free_sections_are_never_metered(client, shelf):
    for article in [shelf["free"], shelf["leader"]] * 4:
        seen = read(client, article)
        assert seen["full"] and seen["notice"] is None
    assert read(client, shelf["metered"][0])["notice"].startswith("You have read 1 of 5")


def test_a_registered_reader_gets_ten_then_the_subscription_offer(client, shelf):
    make_reader("reader@example.com")
    client.login(email="reader@example.com", password=PASSWORD)
    for n, article in enumerate(shelf["metered"][:10], start=1):
        assert read(client, article)["notice"].startswith(f"You have read {n} of 10")
    eleventh = read(client, shelf["metered"][10])
    assert not eleventh["full"] and eleventh["offer"].startswith(
        "You have read your 10 free articles"
    )
    assert eleventh["boxes"] == 1


def test_an_unverified_account_keeps_the_anonymous_allowance(client, shelf):
    make_reader("new@example.com", verified=False)
    client.login(email="new@example.com", password=PASSWORD)
    for article in shelf["metered"][:5]:
        assert read(client, article)["full"]
    assert not read(client, shelf["metered"][5])["full"]


@pytest.mark.parametrize(
    "status, unlimited",
    [
        ("active", True),
        ("trialing", True),
        ("past_due", True),
        ("canceled", False),
        ("unpaid", False),
    ],
)
def test_subscription_status_decides_unlimited_reading(client, shelf, status, unlimited):
    make_reader("sub@example.com", subscription=status)
    client.login(email="sub@example.com", password=PASSWORD)
    results = [read(client, article) for article in shelf["metered"][:11]]
    assert all(r["full"] for r in results) is unlimited
    assert (results[0]["notice"] is None) is unlimited


def test_past_due_access_ends_with_the_grace_period(client, shelf, settings):
    user = make_reader("late@example.com", subscription="past_due")
    Subscription.objects.filter(user=user).update(
        current_period_end=timezone.now() - timedelta(days=8)
    )
    settings.MASTHEAD_PAST_DUE_GRACE_DAYS = 7
    client.login(email="late@example.com", password=PASSWORD)
    assert read(client, shelf["metered"][0])["notice"].startswith("You have read 1 of 10")


def test_staff_read_without_limit(client, shelf):
    make_reader("editor@example.com", staff=True)
    client.login(email="editor@example.com", password=PASSWORD)
    assert all(read(client, a)["full"] for a in shelf["metered"])


def test_reads_carry_over_when_an_anonymous_reader_logs_in(client, shelf):
    for article in shelf["metered"][:3]:
        read(client, article)
    make_reader("reader@example.com")
    client.login(email="reader@example.com", password=PASSWORD)
    assert read(client, shelf["metered"][3])["notice"].startswith("You have read 4 of 10")
    # An article read before logging in is a reread for the account.
    assert read(client, shelf["metered"][0])["notice"].startswith("You have read 4 of 10")


def test_logging_out_does_not_give_a_fresh_allowance(client, shelf):
    for article in shelf["metered"][:5]:
        read(client, article)
    make_reader("reader@example.com")
    client.login(email="reader@example.com", password=PASSWORD)
    read(client, shelf["metered"][5])
    client.post("/accounts/logout/")  # as the browser does: the reader cookie stays
    assert "_auth_user_id" not in client.session
    assert not read(client, shelf["metered"][6])["full"]


def test_rule_changes_take_effect_at_once(client, shelf):
    rules = MeterSettings.objects.get()
    rules.anonymous_limit, rules.teaser_paragraphs = 2, 3
    rules.save()
    rules.save_revision()
    read(client, shelf["metered"][0])
    assert read(client, shelf["metered"][1])["notice"].startswith("You have read 2 of 2")
    third = read(client, shelf["metered"][2])
    assert not third["full"] and third["paragraphs"] == 3


def test_an_article_can_set_its_own_teaser_length(client, shelf):
    article = shelf["metered"][0]
    article.teaser_paragraphs = 4
    article.save_revision().publish()
    for other in shelf["metered"][1:6]:
        read(client, other)
    assert read(client, article)["paragraphs"] == 4


def test_last_months_reads_do_not_count_this_month(client, shelf, monkeypatch):
    import masthead.paywall.services as services

    monkeypatch.setattr(services, "current_period", lambda: "2099-01")
    for article in shelf["metered"][:5]:
        read(client, article)
    assert not read(client, shelf["metered"][5])["full"]
    monkeypatch.setattr(services, "current_period", lambda: "2099-02")
    assert read(client, shelf["metered"][5])["notice"].startswith("You have read 1 of 5")


def test_full_text_is_private_and_the_teaser_may_be_shared(client, shelf):
    first = read(client, shelf["metered"][0])["response"]
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    cookie = first.cookies[READER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    for article in shelf["metered"][1:5]:
        read(client, article)
    teaser = read(client, shelf["metered"][5])["response"]
    assert "public" in teaser["Cache-Control"] and "Cookie" in teaser["Vary"]
    assert READER_COOKIE not in teaser.cookies


def test_a_free_article_is_the_same_for_every_anonymous_reader_and_may_be_shared(client, shelf):
    response = read(client, shelf["free"])["response"]
    assert "public" in response["Cache-Control"] and READER_COOKIE not in response.cookies


def test_subscriber_pages_are_never_stored_by_shared_caches(client, shelf):
    make_reader("sub@example.com", subscription="active")
    client.login(email="sub@example.com", password=PASSWORD)
    response = read(client, shelf["metered"][0])["response"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_meter_store_outage_serves_the_teaser_and_says_why(client, shelf, settings, caplog):
    settings.MASTHEAD_METER_STORE = {
        "BACKEND": "masthead.paywall.meter.redis.RedisMeterStore",
        "OPTIONS": {"url": "redis://127.0.0.1:1/0", "timeout": 0.2},
    }
    seen = read(client, shelf["metered"][0])
    assert not seen["full"] and seen["paragraphs"] == 2 and seen["boxes"] == 1
    assert "Meter store unavailable" in caplog.text
    assert read(client, shelf["free"])["full"]
