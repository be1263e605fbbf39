"""Conversions credited to the story read last and the visit's source, as a table of journeys."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from masthead.analytics.models import Conversion
from masthead.analytics.tests.helpers import OWN, figures, read
from masthead.newsletters.tests.factories import make_newsletter
from masthead.offers.tests.factories import make_plan
from masthead.paywall.models import MeterSettings
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.subscriptions.services import SubscriptionState, subscription_upsert

pytestmark = pytest.mark.django_db

GOOGLE = "https://www.google.co.uk/"
BLUESKY = "https://bsky.app/profile/someone/post/1"


class Journey:
    """One reader's browser, taking steps on the paper as a reader does."""

    def __init__(self, paper):
        self.paper = paper
        self.browser = Client()
        self.user = None

    def read(self, story: str, *, referrer: str = "", query: str = ""):
        article = self.paper["articles"][story]
        read(article.url + query, client=self.browser, referrer=referrer)
        return self

    def sign_up(self):
        email = f"new-{uuid.uuid4().hex[:8]}@example.org"
        password = "a-long-enough-passphrase-7"
        response = self.browser.post(
            "/accounts/signup/",
            {"email": email, "password1": password, "password2": password},
            headers={"Referer": OWN + "/accounts/signup/"},
        )
        assert response.status_code == 302, response.content[:500]
        from django.contrib.auth import get_user_model

        self.user = get_user_model().objects.get(email=email)
        return self

    def log_in(self):
        """Through the log-in form, as a reader does: Django tells who logged in, and from where."""
        self.user = make_reader(f"known-{uuid.uuid4().hex[:8]}@example.org")
        response = self.browser.post(
            "/accounts/login/", {"login": self.user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, response.content[:500]
        return self

    def subscribe(self):
        plan = make_plan(stripe_price_id=f"price_{uuid.uuid4().hex[:6]}")
        start = self.browser.post(f"/subscribe/{plan.pk}/checkout/")["Location"]
        assert self.browser.post(start).status_code in (200, 302)
        return self

    def provider_confirms(self):
        """A payment confirmed later by the provider, with no request of the reader's."""
        plan = make_plan(stripe_price_id=f"price_{uuid.uuid4().hex[:6]}")
        subscription_upsert(
            state=SubscriptionState(
                provider="stripe",
                reference=f"sub_{uuid.uuid4().hex[:10]}",
                customer="cus_1",
                status="active",
                current_period_end=timezone.now() + timezone.timedelta(days=30),
                cancel_at_period_end=False,
                user_id=self.user.pk,
                plan_id=plan.pk,
            ),
            tell_reader=False,
        )
        return self

    def join_newsletter(self):
        make_newsletter(slug="morning")
        self.browser.post("/newsletters/join/morning/", headers={"Referer": OWN + "/"})
        return self


def wall_after_one(paper):
    rules = MeterSettings.objects.get()
    rules.anonymous_limit = 1
    rules.save()
    rules.save_revision()


JOURNEYS = {
    "a search, a second story at the wall, a sign-up, then a subscription": (
        lambda j: (
            j.read("vote", referrer=GOOGLE).read("talks", referrer=OWN + "/").sign_up().subscribe()
        ),
        {
            "registration": ("talks", "search", "google.co.uk", True),
            "subscription": ("talks", "search", "google.co.uk", True),
        },
    ),
    "a newsletter's link, a second story, then a subscription": (
        lambda j: (
            j.log_in()
            .read("vote", query="?from=email&edition=41")
            .read("floods", referrer=OWN + "/")
            .subscribe()
        ),
        {"subscription": ("floods", "newsletter", "41", False)},
    ),
    "read before logging in, then paid at the provider with no request": (
        lambda j: j.read("deal", referrer=BLUESKY).log_in().provider_confirms(),
        {"subscription": ("deal", "social", "bsky.app", False)},
    ),
    "a newsletter sign-up from a story read direct": (
        lambda j: j.log_in().read("leader").join_newsletter(),
        {"signup": ("leader", "direct", "", False)},
    ),
    "a subscription with nothing read first": (
        lambda j: j.log_in().subscribe(),
        {"subscription": (None, "", "", False)},
    ),
}


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_a_conversion_is_credited_to_the_last_story_and_the_visits_source(paper, name):
    wall_after_one(paper)
    steps, expected = JOURNEYS[name]
    steps(Journey(paper))
    titles = {article.pk: key for key, article in paper["articles"].items()}
    credited = {
        conversion.kind: (
            titles.get(conversion.story_id),
            conversion.source,
            conversion.detail,
            conversion.after_wall,
        )
        for conversion in Conversion.objects.all()
    }
    assert credited == expected


def test_the_newsletter_funnel_goes_from_the_link_to_the_read_to_the_subscription(paper):
    Journey(paper).log_in().read("vote", query="?from=email&edition=41").subscribe()
    Journey(paper).read("floods", query="?from=email&edition=41")
    assert figures()["newsletter_funnel"] == {"clicks": 2, "read_in_full": 2, "subscriptions": 1}


def test_the_wall_funnel_and_the_report_follow_the_reader_from_the_wall_to_paying(paper):
    wall_after_one(paper)
    journey = Journey(paper).read("vote", referrer=GOOGLE).read("talks", referrer=OWN + "/")
    journey.sign_up().subscribe()
    seen = figures()
    assert seen["wall_funnel"] | {"conversion_rate": None} == {
        "wall_stops": 1,
        "registrations_after_wall": 1,
        "subscriptions_within_7_days": 1,
        "subscriptions_after_wall": 1,
        "conversion_rate": None,
    }
    talks = next(row for row in seen["stories"] if row["title"] == paper["articles"]["talks"].title)
    assert (talks["wall_stops"], talks["subscriptions"], talks["revenue"]) == (1, 1, 9.0)
    assert {
        (row["kind"], row["story"], row["source"], row["count"], row["revenue"])
        for row in seen["conversions"]
    } == {
        ("registration", paper["articles"]["talks"].url, "search", 1, 0.0),
        ("subscription", paper["articles"]["talks"].url, "search", 1, 9.0),
    }
    google = next(row for row in seen["sources"] if row["detail"] == "google.co.uk")
    assert (google["pageviews"], google["subscriptions"], google["revenue"]) == (1, 1, 9.0)


def test_deleting_the_account_unlinks_the_reader_but_keeps_the_story_credited(paper):
    from masthead.accounts.services import reader_delete

    wall_after_one(paper)
    journey = Journey(paper).read("vote", referrer=GOOGLE).read("talks").sign_up().subscribe()
    assert Conversion.objects.filter(user=journey.user).count() == 2
    reader_delete(user=journey.user)
    assert set(Conversion.objects.values_list("user", "story_id")) == {
        (None, paper["articles"]["talks"].pk)
    }


def test_the_same_confirmation_twice_is_one_conversion(paper):
    journey = Journey(paper).log_in().read("vote")
    journey.provider_confirms()
    subscription = journey.user.subscriptions.get()
    subscription.save()  # the provider's second word on the same subscription
    assert Conversion.objects.filter(kind="subscription").count() == 1
