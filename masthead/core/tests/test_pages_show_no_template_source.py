"""No page a reader can reach prints template source: ``{#``, ``{%`` or ``{{`` in its HTML.

Django's ``{# … #}`` comment ends at the end of its line: one that runs over two
lines is not a comment at all, and the page prints it as it stands (the plans on
/subscribe/ did). A tag or variable a template leaves unbalanced does the same.
The demo paper is crawled as a reader sees it: the front and every internal page it
links to, the reader's forms (also sent back with mistakes in them), the account
pages logged in, and every allauth page. JSON-LD and inline scripts may hold ``{``;
only the two-character template markers count, and JSON never has one.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.accounts.tests.test_reader_forms import LOGGED_OUT_PAGES
from masthead.liveblogs.models import LiveBlogPage
from masthead.news.models import ArticlePage, Author, Topic
from masthead.offers.models import Offer

TEMPLATE_SOURCE = re.compile(r"\{[{%#]")
LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
NOT_PAGES = ("/admin/", "/static/", "/media/", "/documents/", "/feeds/")

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, demo_paper_once):
    return demo_paper_once


def _client(email: str | None = None) -> Client:
    client = Client()
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    return client


def _shown_source(html: str) -> list[str]:
    return [
        html[max(0, m.start() - 60) : m.end() + 60].replace("\n", "⏎")
        for m in TEMPLATE_SOURCE.finditer(html)
    ]


class Crawl:
    """Pages fetched, and what each one printed that it should not have."""

    def __init__(self):
        self.pages: dict[str, str] = {}
        self.leaks: dict[str, list[str]] = {}

    def visit(self, client: Client, path: str, who: str = "anonymous", data=None) -> str:
        if data is None:
            response = client.get(path, follow=True)
        else:
            response = client.post(path, data, follow=True)
        key = f"{'POST' if data is not None else 'GET'} {path} ({who})"
        assert response.status_code < 500, f"{key}: {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            return ""
        html = response.content.decode()
        self.pages[key] = html
        if found := _shown_source(html):
            self.leaks[key] = found
        return html

    def report(self) -> str:
        return "\n".join(
            f"{page}:\n    " + "\n    ".join(bits) for page, bits in self.leaks.items()
        )


def _internal_links(html: str) -> list[str]:
    paths = []
    for href in LINK.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(NOT_PAGES) or href.endswith((".xml", ".txt")):
            continue
        paths.append(href)
    return list(dict.fromkeys(paths))


def test_the_front_and_every_page_it_links_to(demo):
    crawl = Crawl()
    reader = _client()
    front = crawl.visit(reader, "/")
    links = _internal_links(front)
    assert len(links) > 20, "the front links to the paper's pages"
    for path in links:
        crawl.visit(reader, path)
    assert not crawl.leaks, crawl.report()


def test_the_reader_pages_and_forms(demo):
    crawl = Crawl()
    anonymous = _client()
    article = ArticlePage.objects.live().exact_type(ArticlePage).first()
    paths = [
        "/search/?q=strike",
        "/search/?q=strike&since=not-a-date",
        "/subscribe/",
        "/subscribe/?code=WELCOME50",
        "/subscribe/?code=NO-SUCH-CODE",
        "/support/",
        "/support/thanks/",
        "/newsletters/",
        "/newsletters/confirm/not-a-token/",
        "/newsletters/unsubscribe/not-a-token/",
        "/privacy/",
        "/corrections/",
        "/no-such-page/",
        article.url,
    ]
    paths += [f"/offers/{slug}/" for slug in Offer.objects.values_list("slug", flat=True)]
    paths += [f"/topics/{slug}/" for slug in Topic.objects.values_list("slug", flat=True)[:3]]
    paths += [f"/authors/{slug}/" for slug in Author.objects.values_list("slug", flat=True)[:3]]
    paths += [blog.url for blog in LiveBlogPage.objects.live()]
    assert any(p.startswith("/offers/") for p in paths) and len(paths) > 20
    for path in paths:
        crawl.visit(anonymous, path)
    # The forms as they come back with mistakes in them.
    crawl.visit(anonymous, "/newsletters/", data={"email": "not-an-address"})
    crawl.visit(anonymous, "/support/", data={"other_amount": "lots", "email": "x"})
    assert not crawl.leaks, crawl.report()


def test_every_allauth_page_logged_out_and_in(demo):
    crawl = Crawl()
    anonymous = _client()
    for path in LOGGED_OUT_PAGES:
        crawl.visit(anonymous, path)
    crawl.visit(
        anonymous, "/accounts/login/", data={"login": "nobody@example.com", "password": "x"}
    )
    crawl.visit(
        anonymous,
        "/accounts/signup/",
        data={"email": "not-an-address", "password1": "short", "password2": "other"},
    )
    crawl.visit(anonymous, "/accounts/login/code/", data={"email": "reader@example.com"})
    crawl.visit(anonymous, "/accounts/login/code/confirm/", data={"code": "WRONG"})
    crawl.visit(anonymous, "/accounts/password/reset/", data={"email": "reader@example.com"})
    user = get_user_model().objects.get(email="reader@example.com")
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    crawl.visit(_client(), f"/accounts/password/reset/key/{key}/")  # the new-password form

    reader = _client("reader@example.com")
    for path in [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/password/reset/",
    ]:
        crawl.visit(reader, path, who="reader")
    crawl.visit(
        reader,
        "/accounts/password/change/",
        who="reader",
        data={"oldpassword": "wrong", "password1": "a", "password2": "b"},
    )
    assert len(crawl.pages) >= 18
    assert not crawl.leaks, crawl.report()


@pytest.mark.parametrize("email", ["reader@example.com", "subscriber@example.com"])
def test_the_account_pages_logged_in(demo, email):
    crawl = Crawl()
    client = _client(email)
    article = ArticlePage.objects.live().get(slug="ardmouth-strike-ends-as-first-ships-unload")
    for path in [
        "/account/",
        "/account/delete/",
        "/newsletters/",
        "/subscribe/",
        "/subscribe/?code=WELCOME50",
        "/offers/welcome/",
        "/support/",
        "/subscribe/welcome/",
        f"/gifts/new/{article.pk}/",
        article.url,
    ]:
        crawl.visit(client, path, who=email)
    if email.startswith("subscriber"):
        gift = crawl.visit(client, f"/gifts/new/{article.pk}/", who=email, data={})
        link = re.search(r'id="gift-link"[^>]*value="([^"]+)"', gift)
        assert link, "the subscriber made a gift link"
        crawl.visit(_client(), link.group(1).replace("&amp;", "&").split("testserver", 1)[-1])
    assert not crawl.leaks, crawl.report()


def test_a_two_line_comment_is_caught():
    """The check itself: what the plans printed on /subscribe/ before it was fixed."""
    shown = (
        "<ul>{# The plans on sale: each with its price,\n   and its button. #}\n<ul class=plans>"
    )
    assert _shown_source(shown)
    json_ld = '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person"}]}</script>'
    assert not _shown_source(json_ld)
