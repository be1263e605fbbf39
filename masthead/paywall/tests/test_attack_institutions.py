"""Attack probes for institutional access: the network only through our proxies, the domain only verified.

A reader past the month's allowance claims the demo university's network
(``192.0.2.0/24``) with every forwarding header the bypass tools write, with
no proxy in front and with one; registers an address at its domain
(``example.edu``) without confirming it, or one that only looks like it; and
waits for an institutional reader's full page to be served to them from the
shared page cache. Each probe is checked for every withheld paragraph.
"""

# ruff: noqa: F811 (the fixtures imported from the attack suite are parameters below)
from __future__ import annotations

import pytest
from django.test import Client

from masthead.institutions.demo import DEMO_DOMAIN
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.tests.factories import PASSWORD, make_reader
from masthead.paywall.tests.test_attack_suite import (
    assert_teaser_only,
    demo,  # noqa: F401 (a fixture)
    demo_targets,  # noqa: F401 (a fixture)
    exhausted_reader,
    leaks,
    metered,
)

pytestmark = pytest.mark.django_db

INSIDE = "192.0.2.10"  # in the demo institution's range
OUTSIDE = "203.0.113.9"  # the attacker's real address
PROXY = "10.0.0.2"  # our own proxy

CLAIMS = {
    "X-Forwarded-For": {"HTTP_X_FORWARDED_FOR": INSIDE},
    "X-Forwarded-For, two": {"HTTP_X_FORWARDED_FOR": f"{INSIDE}, {INSIDE}"},
    "X-Real-IP": {"HTTP_X_REAL_IP": INSIDE},
    "Forwarded": {"HTTP_FORWARDED": f"for={INSIDE};proto=https"},
    "Forwarded, IPv6 form": {"HTTP_FORWARDED": 'for="[::ffff:192.0.2.10]"'},
    "True-Client-IP": {"HTTP_TRUE_CLIENT_IP": INSIDE},
    "CF-Connecting-IP": {"HTTP_CF_CONNECTING_IP": INSIDE},
    "X-Client-IP": {"HTTP_X_CLIENT_IP": INSIDE},
}


def as_sent(claim: dict, trusted: int) -> dict:
    """The request as the application sees it: straight in, or with our one proxy's hop added."""
    if trusted == 0:
        return {"REMOTE_ADDR": OUTSIDE, **claim}
    headers = dict(claim)
    claimed = headers.pop("HTTP_X_FORWARDED_FOR", "")
    headers["HTTP_X_FORWARDED_FOR"] = f"{claimed}, {OUTSIDE}" if claimed else OUTSIDE
    return {"REMOTE_ADDR": PROXY, **headers}


@pytest.mark.parametrize("trusted", [0, 1])
def test_forwarding_headers_from_an_untrusted_hop_claiming_the_network_give_nothing(
    client,
    demo,
    settings,
    trusted,  # noqa: F811
):
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = trusted
    exhausted_reader(client)
    targets = metered(demo)[:8]
    # The road itself is open: the real network, as our proxy reports it, reads in full.
    real = (
        {"REMOTE_ADDR": INSIDE}
        if trusted == 0
        else {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": INSIDE}
    )
    assert leaks(client.get(targets[0].article.url, **real), targets[0])
    for target in targets:
        for name, claim in CLAIMS.items():
            response = client.get(target.article.url, **as_sent(claim, trusted))
            assert_teaser_only(response, target, f"{name} with {trusted} trusted proxies")


def test_one_trusted_proxy_and_no_hop_of_its_own_is_not_the_network(client, demo, settings):  # noqa: F811
    """A request that did not pass our proxy (no X-Forwarded-For) is nobody's network."""
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1
    exhausted_reader(client)
    for target in metered(demo)[:4]:
        for claim in CLAIMS.values():
            headers = {k: v for k, v in claim.items() if k != "HTTP_X_FORWARDED_FOR"}
            response = client.get(target.article.url, REMOTE_ADDR=INSIDE, **headers)
            assert_teaser_only(response, target, f"no proxy hop {headers}")


def _exhaust_account(user, limit: int) -> None:
    store = meter_store()
    for fake_article in range(10_000_001, 10_000_001 + limit):
        store.grant(
            reader_key=f"user:{user.pk}",
            period=current_period(),
            article_id=fake_article,
            limit=limit,
        )


@pytest.mark.parametrize(
    "email, verified",
    [
        (f"student@{DEMO_DOMAIN}", False),  # anyone can type an address in
        (f"STUDENT@{DEMO_DOMAIN.upper()}", False),
        (f"student@alumni.{DEMO_DOMAIN}", True),  # a subdomain is not the domain
        (f"student@{DEMO_DOMAIN}.example.com", True),
        (f"student@not{DEMO_DOMAIN}", True),
    ],
)
def test_an_address_not_verified_at_the_domain_gives_nothing(demo, email, verified):  # noqa: F811
    user = make_reader(email, verified=verified)
    _exhaust_account(user, limit=10 if verified else 5)
    browser = Client()
    exhausted_reader(browser)
    assert browser.login(email=user.email, password=PASSWORD)
    for target in metered(demo)[:8]:
        assert_teaser_only(browser.get(target.article.url), target, email)


def test_an_unverified_second_address_at_the_domain_gives_nothing(demo):  # noqa: F811
    from allauth.account.models import EmailAddress

    user = make_reader("reader@example.org")
    EmailAddress.objects.create(user=user, email=f"reader@{DEMO_DOMAIN}", verified=False)
    _exhaust_account(user, limit=10)
    browser = Client()
    browser.login(email="reader@example.org", password=PASSWORD)
    for target in metered(demo)[:8]:
        assert_teaser_only(browser.get(target.article.url), target, "an unverified second address")


def test_an_institution_reader_s_full_page_is_never_kept_for_the_next_reader(demo, settings):  # noqa: F811
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1
    inside = Client()
    make_reader(f"lecturer@{DEMO_DOMAIN}")
    by_domain = Client()
    by_domain.login(email=f"lecturer@{DEMO_DOMAIN}", password=PASSWORD)
    registered_user = make_reader("registered@example.org")
    registered = Client()
    registered.login(email="registered@example.org", password=PASSWORD)
    _exhaust_account(registered_user, limit=10)
    targets = metered(demo)[:8]
    for target in targets:
        for reader, via in ((inside, {"HTTP_X_FORWARDED_FOR": INSIDE}), (by_domain, {})):
            for _ in range(2):  # the second may come from the shared cache
                response = reader.get(target.article.url, REMOTE_ADDR=PROXY, **via)
                assert leaks(response, target), "an institutional reader was not let in"
                assert "no-store" in response["Cache-Control"]
                assert "public" not in response["Cache-Control"]
    for target in targets:
        outside = Client()
        exhausted_reader(outside)
        for reader in (outside, registered):
            for _ in range(2):
                response = reader.get(
                    target.article.url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OUTSIDE
                )
                assert_teaser_only(response, target, "the next reader outside the range")
        fresh = Client().get(target.article.url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OUTSIDE)
        assert b"You have read 1 of 5" in fresh.content
