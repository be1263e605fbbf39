"""Search engines get the full text only when DNS confirms them, never on their word."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import RequestFactory

from masthead.core.client_ip import client_ip
from masthead.paywall import crawlers
from masthead.paywall.crawlers import Resolver, is_verified_crawler, verify_crawler_address

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"

PTR = {
    "66.249.66.1": "crawl-66-249-66-1.googlebot.com.",
    "157.55.39.1": "msnbot-157-55-39-1.search.msn.com",
    "203.0.113.9": "crawl-203-0-113-9.googlebot.com",  # forged PTR: forward says otherwise
    "198.51.100.7": "googlebot.com.evil.example",
    "192.0.2.55": "rate-limited-proxy-72-14-199-1.google.com",
}
A = {
    "crawl-66-249-66-1.googlebot.com": ["66.249.66.1"],
    "msnbot-157-55-39-1.search.msn.com": ["157.55.39.1"],
    "crawl-203-0-113-9.googlebot.com": ["66.249.66.200"],
    "googlebot.com.evil.example": ["198.51.100.7"],
    "rate-limited-proxy-72-14-199-1.google.com": ["192.0.2.55"],
}


class FakeDNS:
    def __init__(self):
        self.lookups = 0

    def reverse(self, ip):
        self.lookups += 1
        if ip not in PTR:
            raise OSError("no PTR record")
        return PTR[ip]

    def forward(self, host):
        self.lookups += 1
        if host not in A:
            raise OSError("no A record")
        return A[host]


@pytest.fixture
def dns(monkeypatch):
    cache.delete_many([f"masthead:crawler:{ip}" for ip in [*PTR, "127.0.0.1"]])
    fake = FakeDNS()
    monkeypatch.setattr(
        crawlers, "SYSTEM_RESOLVER", Resolver(reverse=fake.reverse, forward=fake.forward)
    )
    return fake


@pytest.mark.parametrize(
    "ip, verified",
    [
        ("66.249.66.1", True),  # Googlebot, PTR and A agree
        ("157.55.39.1", True),  # Bingbot
        ("192.0.2.55", True),  # a google.com host that resolves back
        ("203.0.113.9", False),  # forged PTR whose forward lookup disagrees
        ("198.51.100.7", False),  # a look-alike domain
        ("127.0.0.1", False),  # no PTR at all
    ],
)
def test_reverse_then_forward_dns(dns, ip, verified):
    assert verify_crawler_address(ip) is verified


def test_the_user_agent_alone_decides_only_whether_to_look(dns):
    assert not is_verified_crawler("203.0.113.9", GOOGLEBOT)
    assert not is_verified_crawler("66.249.66.1", "Mozilla/5.0 Firefox/130.0")
    assert dns.lookups == 2  # the Firefox request caused no lookup at all
    assert is_verified_crawler("66.249.66.1", GOOGLEBOT)


def test_verdicts_are_cached(dns):
    assert is_verified_crawler("157.55.39.1", BINGBOT)
    before = dns.lookups
    for _ in range(5):
        assert is_verified_crawler("157.55.39.1", BINGBOT)
        assert not is_verified_crawler("203.0.113.9", GOOGLEBOT)
    assert dns.lookups == before + 2  # one refused verdict to learn, then nothing


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        (0, "66.249.66.1", "", "66.249.66.1"),
        (0, "127.0.0.1", "66.249.66.1", "127.0.0.1"),  # no proxy: the header is the client's word
        (1, "10.0.0.2", "66.249.66.1", "66.249.66.1"),  # our one proxy saw the crawler
        (1, "10.0.0.2", "66.249.66.1, 203.0.113.5", "203.0.113.5"),  # client-written entry ignored
        (2, "10.0.0.2", "1.2.3.4, 66.249.66.1, 10.0.0.9", "66.249.66.1"),
        (2, "10.0.0.2", "66.249.66.1", None),  # fewer hops than our proxies: not through them
        (1, "10.0.0.2", "not-an-address", None),
    ],
)
def test_forwarding_headers_are_trusted_only_from_our_own_proxies(
    proxies, remote, forwarded, expected
):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request, trusted_proxies=proxies) == expected


@pytest.fixture
def exhausted_paper(paper, client):
    from masthead.news.tests.factories import make_article

    extra = [make_article(paper["sections"]["world"]) for _ in range(5)]
    for article in extra:
        client.get(article.url)
    return paper


@pytest.mark.django_db
def test_a_verified_crawler_gets_the_full_text_marked_as_paywalled(client, exhausted_paper, dns):
    article = exhausted_paper["articles"]["vote"]
    response = client.get(article.url, HTTP_USER_AGENT=GOOGLEBOT, REMOTE_ADDR="66.249.66.1")
    soup = BeautifulSoup(response.content, "html.parser")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"]["isAccessibleForFree"] is False
    metered = soup.select(data["hasPart"]["cssSelector"])
    assert len(metered) == 1
    # The selector wraps exactly the part a reader past the limit does not get.
    assert "zanzibarite" in metered[0].text
    teaser_text = " ".join(p.text for p in soup.select(".article__body > p"))
    assert "Dockers at the harbour voted" in teaser_text and "zanzibarite" not in teaser_text
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": GOOGLEBOT},
        {"HTTP_USER_AGENT": GOOGLEBOT, "REMOTE_ADDR": "203.0.113.9"},
        {"HTTP_USER_AGENT": GOOGLEBOT, "HTTP_X_FORWARDED_FOR": "66.249.66.1"},
        {"HTTP_USER_AGENT": BINGBOT, "HTTP_X_REAL_IP": "157.55.39.1"},
        {"HTTP_USER_AGENT": "Mozilla/5.0", "REMOTE_ADDR": "66.249.66.1"},
    ],
)
def test_impersonators_get_the_teaser(client, exhausted_paper, dns, headers):
    article = exhausted_paper["articles"]["vote"]
    response = client.get(article.url, **headers)
    assert b"zanzibarite" not in response.content
    assert b"Dockers at the harbour voted" in response.content
    assert re.search(rb'class="offer"', response.content)
