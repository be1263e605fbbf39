"""The attack suite: every class in PAYWALL-THREATS.md, over every published article.

A reader who has used the month's allowance probes each article by every road
the bypass tools use. Each response (status line, headers and body) is
searched for every withheld paragraph in raw, HTML-escaped, JSON-escaped,
percent-encoded and base64 forms; where the article page itself answers, the
teaser must be there, so that an error page cannot pass by accident.
"""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

import pytest
from django.core import signing
from django.test import Client

from masthead.news.models import ArticlePage
from masthead.paywall.body import split_at_paragraph
from masthead.paywall.identity import READER_COOKIE, READER_COOKIE_SALT
from masthead.paywall.meter import meter_store
from masthead.paywall.periods import current_period
from masthead.paywall.selectors import current_rules
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

PROBES = {"count": 0}


@dataclass
class Target:
    article: ArticlePage
    teaser: list[str]
    withheld: list[str]
    free: bool


@dataclass
class Probe:
    client: Client
    reader_id: str = ""
    extra_cookies: dict = field(default_factory=dict)


def _text(block) -> str:
    value = block.value
    if block.block_type == "paragraph":
        return html.unescape(re.sub(r"<[^>]+>", "", value.source))
    if block.block_type == "quote":
        return value["text"]
    if block.block_type == "subheading":
        return value
    return ""


def secret_forms(text: str) -> set[str]:
    """The ways a sentence can hide in a response."""
    sentence = text[:80]
    forms = {
        sentence,
        html.escape(sentence),
        html.escape(sentence, quote=False),
        json.dumps(sentence)[1:-1],
        json.dumps(sentence, ensure_ascii=False)[1:-1],
        quote(sentence),
        quote_plus(sentence),
    }
    raw = text.encode()
    for offset in range(3):  # base64 of any alignment of the paragraph
        encoded = base64.b64encode(raw[offset:]).decode()
        forms.add(encoded[4:64])
        forms.add(base64.urlsafe_b64encode(raw[offset:]).decode()[4:64])
    return {f for f in forms if len(f) >= 24}


def leaks(response, target: Target) -> list[str]:
    PROBES["count"] += 1
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    blob = f"{response.status_code}\n{headers}\n".encode() + response.content
    text = blob.decode("utf-8", "replace")
    return [
        paragraph[:40]
        for paragraph in target.withheld
        for form in secret_forms(paragraph)
        if form in text
    ]


def assert_teaser_only(response, target: Target, what: str, *, article_page: bool = True) -> None:
    """No withheld text anywhere; and where the article page answered, its teaser is there."""
    found = leaks(response, target)
    assert not found, f"{what} on {target.article.url} leaked: {found[:2]}"
    answered = (
        response.status_code == 200 and response.content and b'class="article"' in response.content
    )
    if article_page and answered:
        body = html.unescape(response.content.decode())
        assert target.teaser[0][:60] in body, (
            f"{what}: the teaser is missing on {target.article.url}"
        )


@pytest.fixture(scope="module")
def demo_targets(demo_paper_once, django_db_blocker):
    with django_db_blocker.unblock():
        return _targets()


@pytest.fixture
def demo(db, demo_targets):
    return demo_targets


def _targets() -> list[Target]:
    rules = current_rules()
    targets = []
    for article in ArticlePage.objects.live().specific().order_by("path"):
        paragraphs = article.teaser_paragraphs or rules.teaser_paragraphs
        teaser, rest = split_at_paragraph(list(article.body), paragraphs)
        withheld = [t for t in (_text(b) for b in rest) if len(t) >= 30]
        targets.append(
            Target(
                article=article,
                teaser=[t for t in (_text(b) for b in teaser if b.block_type == "paragraph") if t],
                withheld=withheld,
                free=article.is_free_to_read(),
            )
        )
    return targets


def exhausted_reader(client: Client, limit: int = 5) -> str:
    """A browser whose reader has used this month's allowance on other articles."""
    reader_id = "exhausted-reader-" + "x" * 12
    store = meter_store()
    for fake_article in range(10_000_001, 10_000_001 + limit):
        store.grant(
            reader_key=f"anon:{reader_id}",
            period=current_period(),
            article_id=fake_article,
            limit=limit,
        )
    client.cookies[READER_COOKIE] = signing.get_cookie_signer(
        salt=READER_COOKIE + READER_COOKIE_SALT
    ).sign(reader_id)
    return reader_id


def exhausted_account(email: str, *, verified: bool = True) -> tuple[object, Client]:
    """A logged-in reader who has used the month's registered allowance on other articles."""
    user = make_reader(email, verified=verified)
    limit = current_rules().registered_limit
    for fake_article in range(20_000_001, 20_000_001 + limit):
        meter_store().grant(
            reader_key=f"user:{user.pk}",
            period=current_period(),
            article_id=fake_article,
            limit=limit,
        )
    browser = Client()
    assert browser.login(email=email, password=PASSWORD)
    return user, browser


def metered(targets):
    return [t for t in targets if not t.free and t.withheld]


def test_text_in_the_page_is_never_sent_hidden(client, demo):
    """Hidden text, view source, reader mode, no JavaScript: the rest is not in the page."""
    exhausted_reader(client)
    assert len(metered(demo)) >= 30
    for target in metered(demo):
        response = client.get(target.article.url)
        assert response.status_code == 200
        assert b'class="offer"' in response.content
        assert b'class="article__metered"' not in response.content
        assert_teaser_only(response, target, "the article page")


def test_data_blobs_carry_only_the_cut_body(client, demo):
    """JSON-LD, OpenGraph, meta tags and data attributes never hold the body."""
    exhausted_reader(client)
    for target in metered(demo):
        response = client.get(target.article.url)
        page = response.content.decode()
        jsonld = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
        )
        assert "articleBody" not in jsonld and jsonld["isAccessibleForFree"] is False
        assert "data-body" not in page and "__NEXT_DATA__" not in page
        assert_teaser_only(response, target, "data blobs")


OTHER_REPRESENTATIONS = [
    ("?format=json", {}),
    ("?format=amp", {}),
    ("?amp", {}),
    ("?amp=1", {}),
    ("amp/", {}),
    ("?print=1", {}),
    ("?page=2", {}),
    ("?all=1", {}),
    ("?view=full", {}),
    ("", {"HTTP_ACCEPT": "application/json"}),
    ("", {"HTTP_ACCEPT": "application/ld+json"}),
    ("", {"HTTP_ACCEPT": "application/rss+xml"}),
]


def test_other_representations_of_an_article(client, demo):
    """Feeds, JSON, API, oEmbed, AMP, print and paginated views, search, sitemaps, other hosts."""
    exhausted_reader(client)
    site_wide = [
        "/feeds/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/sitemap-fronts.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/",
        "/api/v2/pages/?fields=*",
        "/api/pages/",
        "/oembed/",
        "/wp-json/wp/v2/posts",
    ]
    for target in metered(demo):
        for suffix, headers in OTHER_REPRESENTATIONS:
            response = client.get(target.article.url + suffix, **headers)
            assert_teaser_only(response, target, f"{suffix or headers}")
        section = target.article.get_parent().url
        for url in [
            section,
            section + "feed/",
            section + "feed/atom/",
            f"/oembed/?url=http://testserver{target.article.url}",
        ]:
            assert_teaser_only(client.get(url), target, url, article_page=False)
        words = " ".join(re.findall(r"\w+", target.withheld[0])[3:8])
        found = client.get("/search/", {"q": words})
        assert_teaser_only(found, target, "search results", article_page=False)
        for host in ["127.0.0.1", "evil.example", "[::1]", "10.0.0.7"]:
            assert_teaser_only(
                client.get(target.article.url, HTTP_HOST=host), target, f"host {host}"
            )
        preview = client.get(f"/admin/pages/{target.article.pk}/view_draft/")
        assert_teaser_only(preview, target, "the admin preview", article_page=False)
    for url in site_wide:
        response = client.get(url)
        for target in metered(demo):
            found = leaks(response, target)
            assert not found, f"{url} leaked {found[:1]}"


def test_trusted_client_state_gives_nothing(client, demo):
    """Edited, forged, replayed cookies, ?meter=0, made-up headers: never better than a new reader."""
    reader_id = exhausted_reader(client)
    good_cookie = client.cookies[READER_COOKIE].value
    targets = metered(demo)
    tricks = [
        ({"meter": "0"}, {}),
        ({"paywall": "off", "free": "1"}, {}),
        ({}, {"HTTP_X_METER": "0", "HTTP_X_SUBSCRIBER": "1", "HTTP_X_PAYWALL_BYPASS": "1"}),
        ({}, {"HTTP_COOKIE": f"{READER_COOKIE}={good_cookie}; subscriber=1; meter=0; is_staff=1"}),
    ]
    for target in targets:
        for params, headers in tricks:
            response = client.get(target.article.url, params, **headers)
            assert_teaser_only(response, target, f"client state {params or headers}")
    # A replayed copy of the same cookie is the same reader.
    replay = Client()
    replay.cookies[READER_COOKIE] = good_cookie
    for target in targets[:10]:
        assert_teaser_only(replay.get(target.article.url), target, "a replayed cookie")
    # An edited or forged cookie is a brand-new reader: one count, nothing more.
    for forged in [
        good_cookie[:-3] + "abc",
        reader_id,
        signing.dumps(reader_id),
        "x" * 300,
        "a:b:c",
    ]:
        fresh = Client()
        fresh.cookies[READER_COOKIE] = forged
        response = fresh.get(targets[0].article.url)
        assert response.status_code == 200
        assert b"You have read 1 of 5 free articles" in response.content, forged
        assert response.cookies[READER_COOKIE].value != forged


CRAWLER_AGENTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "Mozilla/5.0 (Linux; Android 6.0.1) Chrome/41.0 Mobile Safari/537.36 (compatible; Googlebot/2.1)",
    "Googlebot-News",
    "AdsBot-Google (+http://www.google.com/adsbot.html)",
]
GOOGLE_ADDRESS = "66.249.66.1"
FORWARDING = [
    {"HTTP_X_FORWARDED_FOR": GOOGLE_ADDRESS},
    {"HTTP_X_REAL_IP": GOOGLE_ADDRESS},
    {"HTTP_FORWARDED": f"for={GOOGLE_ADDRESS};proto=https"},
    {"HTTP_TRUE_CLIENT_IP": GOOGLE_ADDRESS},
    {"HTTP_CF_CONNECTING_IP": GOOGLE_ADDRESS},
    {"HTTP_X_FORWARDED_FOR": f"{GOOGLE_ADDRESS}, 127.0.0.1"},
]


def test_crawler_impersonation_gives_nothing(client, demo):
    """User agents and forwarding headers of crawlers, from an address DNS does not confirm."""
    exhausted_reader(client)
    for target in metered(demo)[:12]:
        for agent in CRAWLER_AGENTS:
            response = client.get(target.article.url, HTTP_USER_AGENT=agent)
            assert_teaser_only(response, target, f"user agent {agent[:30]}")
            for headers in FORWARDING:
                response = client.get(target.article.url, HTTP_USER_AGENT=agent, **headers)
                assert_teaser_only(response, target, f"{agent[:20]} {headers}")


def test_referral_tricks_give_nothing(client, demo):
    exhausted_reader(client)
    referrers = [
        "https://www.google.com/",
        "https://news.google.com/",
        "https://www.facebook.com/",
        "https://t.co/abc",
        "https://twitter.com/",
        "https://www.reddit.com/",
        "https://l.facebook.com/",
    ]
    for target in metered(demo):
        for referrer in referrers:
            assert_teaser_only(
                client.get(target.article.url, HTTP_REFERER=referrer), target, referrer
            )
        for params in [
            {"utm_source": "google"},
            {"utm_medium": "social", "share": "1"},
            {"gift": "1"},
            {"fbclid": "abc"},
            {"ref": "twitter"},
        ]:
            assert_teaser_only(client.get(target.article.url, params), target, f"{params}")


def test_methods_and_url_variants(client, demo):
    """HEAD, POST, OPTIONS and friends; no trailing slash, another case, query strings, old slugs."""
    exhausted_reader(client)
    for target in metered(demo):
        url = target.article.url
        for method in ["head", "options", "post", "put", "patch", "delete", "trace"]:
            response = getattr(client, method)(url)
            assert response.status_code in (200, 405), (method, response.status_code)
            assert_teaser_only(response, target, method.upper())
        for variant in [
            url.rstrip("/"),
            url.upper(),
            url.title(),
            url + "?",
            url + "?x=1#y",
            url + "/",
            url.replace("/", "//", 1),
            url + "%2e/",
            url + "index.html",
        ]:
            response = client.get(variant)
            assert_teaser_only(response, target, f"variant {variant}")
            if response.status_code in (301, 302, 308):
                assert not response.content


def test_method_and_url_variants_count_once(client, demo, django_capture_on_commit_callbacks):
    targets = metered(demo)
    first = targets[0].article
    assert b"You have read 1 of 5" in client.get(first.url).content
    for variant in [first.url + "?utm_source=x", first.url.upper()]:
        response = client.get(variant, follow=True)
        assert b"You have read 1 of 5" in response.content, variant
    for method in ["head", "options", "post"]:
        getattr(client, method)(targets[1].article.url)
    assert client.get(first.url.rstrip("/"), follow=True).status_code == 200
    # An old slug redirects to the new one and the read counts once.
    article = ArticlePage.objects.get(pk=targets[1].article.pk)
    old_url = article.url
    article.slug = article.slug + "-renamed"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes the redirect on commit
        article.save_revision().publish()
    response = client.get(old_url, follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith("-renamed/")
    assert b"You have read 2 of 5" in response.content
    renamed = ArticlePage.objects.get(pk=article.pk)
    assert b"You have read 2 of 5" in client.get(renamed.url).content


def test_full_text_is_never_left_in_a_shared_cache(demo):
    """A subscriber's or a counted reader's full page is private; only teasers may be shared."""
    make_reader("subscriber@example.org", subscription="active")
    subscriber = Client()
    subscriber.login(email="subscriber@example.org", password=PASSWORD)
    reader = Client()
    for target in metered(demo)[:5]:
        for client in (subscriber, reader):
            response = client.get(target.article.url)
            assert (
                "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
            )
            assert "Cookie" in response["Vary"]
    teaser = reader.get(metered(demo)[6].article.url)
    assert "public" in teaser["Cache-Control"]
    assert_teaser_only(teaser, metered(demo)[6], "a shareable teaser")


def test_identity_tricks_give_nothing(demo):
    """Log out, register without verifying, and the month turning on the client's clock."""
    targets = metered(demo)
    make_reader("unverified@example.org", verified=False)
    browser = Client()
    for target in targets[:5]:
        browser.get(target.article.url)
    browser.login(email="unverified@example.org", password=PASSWORD)
    for target in targets[5:10]:
        assert_teaser_only(browser.get(target.article.url), target, "an unverified account")
    browser.post("/accounts/logout/")
    for target in targets[10:15]:
        assert_teaser_only(
            browser.get(target.article.url, HTTP_DATE="Mon, 01 Jan 2035 00:00:00 GMT"),
            target,
            "logged out",
        )


def newsroom_account(email: str = "desk@example.org") -> Client:
    """An editor made by Wagtail's "Add user" form: in Editors, without ``is_staff``."""
    from django.contrib.auth.models import Group

    user = make_reader(email)
    user.groups.add(Group.objects.get(name="Editors"))
    editor = Client()
    assert editor.login(email=email, password=PASSWORD)
    return editor


def test_the_newsrooms_own_views_never_reach_readers(client, demo):
    """Drafts flipped to "free to read", previewed and draft-viewed by the newsroom."""
    exhausted_reader(client)
    make_reader("regular@example.org")
    regular = Client()
    regular.login(email="regular@example.org", password=PASSWORD)
    editor = newsroom_account()
    targets = metered(demo)
    for target in targets:
        client.get(target.article.url)  # the teaser is in the shared cache
        regular.get(target.article.url)
    for target in targets:
        draft = ArticlePage.objects.get(pk=target.article.pk).get_latest_revision_as_object()
        draft.free_to_read = True
        draft.teaser_paragraphs = 20
        draft.standfirst = "A draft standfirst no reader may see."
        draft.save_revision()
        preview = editor.get(f"/admin/pages/{target.article.pk}/view_draft/")
        assert preview.status_code == 200 and b"A draft standfirst" in preview.content
        assert "private" in preview["Cache-Control"]
        live = editor.get(target.article.url)
        assert b"meter-notice" not in live.content, "a newsroom account was metered"
    for target in targets:
        for _ in range(2):
            assert_teaser_only(client.get(target.article.url), target, "after a preview")
            response = regular.get(target.article.url)
            assert b"A draft standfirst" not in response.content
            assert b"A draft standfirst" not in Client().get(target.article.url).content


def test_page_privacy_is_checked_before_any_shared_copy(client, demo):
    """Logged-in-only and password pages, including ones the cache already holds."""
    from wagtail.models import PageViewRestriction

    exhausted_reader(client)
    targets = metered(demo)[:6]
    for target in targets:
        for _ in range(2):
            Client().get(target.article.url)
            client.get(target.article.url)
    for n, target in enumerate(targets):
        kind = PageViewRestriction.LOGIN if n % 2 else PageViewRestriction.PASSWORD
        PageViewRestriction.objects.create(
            page=target.article, restriction_type=kind, password="harbour-lights"
        )
    for n, target in enumerate(targets):
        for reader in (client, Client()):
            response = reader.get(target.article.url)
            assert_teaser_only(response, target, "a restricted page", article_page=False)
            assert b'class="article__body"' not in response.content
            assert "public" not in response.get("Cache-Control", "")
            assert response.status_code == (302 if n % 2 else 200)
    # One reader unlocks a password page; the next gets the form, not the page.
    target = targets[0]
    restriction = PageViewRestriction.objects.get(page=target.article)
    unlocked = Client()
    unlocked.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{target.article.pk}/",
        {"password": "harbour-lights", "return_url": target.article.url},
    )
    assert b'class="article__body"' in unlocked.get(target.article.url).content
    for reader in (client, Client()):
        response = reader.get(target.article.url)
        assert b'class="article__body"' not in response.content
        assert_teaser_only(response, target, "someone else's unlocked page", article_page=False)


def test_shared_cache_plumbing(client, demo):
    """Host spellings, headers of cached copies, and public pages for logged-in readers."""
    from masthead.edge.store import page_cache

    exhausted_reader(client)
    targets = metered(demo)
    for target in targets:
        for host in ["testserver", "TESTSERVER", "testserver:1", "127.0.0.1:9", "evil.example"]:
            response = client.get(target.article.url, HTTP_HOST=host)
            assert_teaser_only(response, target, f"host {host}")
            assert host.lower() == "testserver" or host.encode() not in response.content
            assert response["X-Frame-Options"] == "DENY"
    # One entry per page, whatever the Host: the store cannot be grown by spelling.
    assert len(page_cache().local.pages) <= len(targets)
    make_reader("unverified@example.org", verified=False)
    account = Client()
    account.login(email="unverified@example.org", password=PASSWORD)
    for target in targets[:8]:
        for _ in range(2):
            response = account.get(target.article.url)
            assert "public" not in response["Cache-Control"]
            assert response["X-Frame-Options"] == "DENY"


class _Blob:
    """Anything that is not an HTTP response (an email), shaped for ``leaks``."""

    status_code = 200

    def __init__(self, content: bytes):
        self.content = content

    def items(self):
        return []


def test_newsletter_editions_carry_no_withheld_sentence_to_a_non_subscriber(demo, client):
    """Every part of a non-subscriber's email (headers, text, HTML, decoded), the web copy and
    the signed "Continue reading" redirect: the teaser, never the rest."""
    import email as email_lib
    from email import policy

    from django.core import mail

    from masthead.newsletters.models import Delivery, Edition, EditionStory, Newsletter
    from masthead.newsletters.sending import filled_message, holes_for
    from masthead.newsletters.tests.factories import confirmed

    morning = Newsletter.objects.get(slug="morning")
    edition = Edition.objects.create(newsletter=morning, subject="Everything today")
    EditionStory.objects.bulk_create(
        EditionStory(edition=edition, article=t.article, sort_order=i)
        for i, t in enumerate(metered(demo))
    )
    signup = confirmed(morning, "casual-reader@example.org")
    delivery = Delivery.objects.create(edition=edition, email=signup.email, signup=signup)
    over_smtp = holes_for(edition, subscriber=False).fill(delivery)
    by_backend = filled_message(edition, delivery, subscriber=False).message().as_bytes()
    subscribers_copy = holes_for(edition, subscriber=True).fill(delivery)
    assert all(leaks(_Blob(subscribers_copy), t) for t in metered(demo))  # the probe can see
    edition.status = Edition.Status.SENT
    edition.save()
    web_copy = client.get(edition.get_absolute_url())
    assert web_copy.status_code == 200
    exhausted_reader(client)
    for raw in (over_smtp, by_backend):
        parsed = email_lib.message_from_bytes(raw, policy=policy.default)
        decoded = "\n".join(
            part.get_content() for part in parsed.walk() if not part.is_multipart()
        ).encode()
        for target in metered(demo):
            for blob in (raw, decoded):
                found = leaks(_Blob(blob), target)
                assert not found, f"the edition leaked {target.article.url}: {found[:1]}"
            assert target.article.title.encode() in decoded  # the story is there, cut
    for target in metered(demo):
        assert not leaks(web_copy, target), f"the web copy leaked {target.article.url}"
    links = re.findall(rb"http://testserver(/newsletters/read/[^\s\"<]+/)", over_smtp)
    assert len(set(links)) == len(metered(demo))
    for link in set(links):
        response = client.get(link.decode())
        assert response.status_code == 302 and "no-store" in response["Cache-Control"]
        for target in metered(demo):
            assert not leaks(response, target)
    assert not mail.outbox


def test_posts_a_moved_paper_kept_from_readers_stay_kept_by_every_old_road(client):
    """``masthead import``: drafts, scheduled, private and password-protected posts of the
    old paper come in unpublished; their old links, the search, the sitemaps and the feeds
    give nothing of them."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    from masthead.core.tests.sitemaps import sitemap_locations
    from masthead.importing.records import Status
    from masthead.importing.wordpress import read_export

    export_file = Path(__file__).parents[2] / "importing/tests/fixtures/wordpress/export.xml"
    export = read_export(export_file)
    call_command("import", "wordpress", str(export_file), stdout=io.StringIO())
    kept = [story for story in export.stories if story.status != Status.LIVE]
    assert {story.status for story in kept} == {Status.DRAFT, Status.SCHEDULED, Status.PRIVATE}
    reader = Client()
    public_roads = ["/feeds/", "/feeds/atom/", "/news-sitemap.xml"]
    public_roads += sitemap_locations(lambda path: reader.get(path).content)
    for story in kept:
        words = html.unescape(re.sub(r"<[^>]+>", " ", story.body_html)).split()
        target = Target(article=None, teaser=[], withheld=[" ".join(words)], free=False)
        roads = [*story.old_paths, f"/search/?q={quote_plus(story.title)}", *public_roads]
        article = ArticlePage.objects.get(title=story.title)
        roads += [article.url, article.url.rstrip("/")]
        for road in roads:
            for who in (client, Client()):
                response = who.get(road, follow=True)
                assert not leaks(response, target), f"{road} gave away “{story.title}”"


def _probe_every_road(reader: Client, target: Target) -> None:
    """The article page, its other representations, methods and spellings, its feeds and the API."""
    url = target.article.url
    assert_teaser_only(reader.get(url), target, "the article page")
    for suffix, headers in OTHER_REPRESENTATIONS:
        assert_teaser_only(reader.get(url + suffix, **headers), target, f"{suffix or headers}")
    for method in ["head", "options", "post"]:
        assert_teaser_only(getattr(reader, method)(url), target, method.upper())
    for variant in [url.rstrip("/"), url.upper(), url + "?"]:
        assert_teaser_only(reader.get(variant, follow=True), target, f"variant {variant}")
    section = target.article.get_parent().url
    for road in ["/feeds/", "/feeds/atom/", section + "feed/", "/api/v2/pages/?fields=*"]:
        assert_teaser_only(reader.get(road), target, road, article_page=False)


def _probe_as_a_new_reader(target: Target) -> None:
    """A new reader: nothing by the roads that never count, and the page's read counts again."""
    reader = Client()
    url = target.article.url
    for method in ["head", "options", "post"]:
        assert_teaser_only(getattr(reader, method)(url), target, f"{method.upper()} (new reader)")
    assert b"You have read 1 of 5" in reader.get(url).content, "the unlocked copy was served"


def test_a_public_interest_unlock_once_ended_gives_nothing_by_any_road(demo):
    """An unlock switched off, and one whose banner expired: the page kept while the story was
    open to everyone, and every other road, give a reader past the limit the teaser again, and
    a new reader's read is metered again."""
    import time

    from masthead.breaking.tests.factories import seconds_from_now, switch_off, switch_on

    switched_off, expired = metered(demo)[:2]

    def read_while_open(target: Target) -> None:
        during = Client()
        exhausted_reader(during)
        assert leaks(during.get(target.article.url), target)  # open to every reader, and kept

    banner = switch_on(switched_off.article, unlock_story=True, unlock_reason="Public safety")
    read_while_open(switched_off)
    switch_off(banner)
    switch_on(
        expired.article,
        text="A second story breaks",
        unlock_story=True,
        unlock_reason="Public safety",
        expires_at=seconds_from_now(2),
    )
    read_while_open(expired)
    time.sleep(2.1)
    for target in (switched_off, expired):
        exhausted = Client()
        exhausted_reader(exhausted)
        _probe_every_road(exhausted, target)
        _probe_as_a_new_reader(target)


def test_corrections_give_a_reader_past_the_limit_no_withheld_paragraph(client, demo):
    """A corrected story, /corrections/ and its feeds: the corrections, never the rest of a story."""
    corrected = [t for t in metered(demo) if t.article.corrections.exists()]
    assert len(corrected) == 2, "the demo corrects two metered stories"
    exhausted_reader(client)
    for target in corrected:
        page = client.get(target.article.url)
        assert_teaser_only(page, target, "the corrected article page")
        assert b'class="corrections"' in page.content  # the correction is public
    roads = [
        "/corrections/",
        "/corrections/?page=1",
        "/corrections/feed/",
        "/corrections/feed/atom/",
    ]
    for road in roads:
        for who in (client, Client()):
            response = who.get(road)
            assert response.status_code == 200
            assert b"An earlier version of this story" in response.content
            for target in metered(demo):
                found = leaks(response, target)
                assert not found, f"{road} leaked {target.article.url}: {found[:1]}"


def _live_blog_target() -> Target:
    """The demo's live blog: past the limit, only its first entries' words may be sent."""
    from masthead.liveblogs.entries import teaser_ids
    from masthead.liveblogs.models import LiveBlogPage

    blog = LiveBlogPage.objects.live().get(slug__startswith="vessa-floods-live")
    entries = list(blog.entries.all())
    first = teaser_ids(entries, blog.teaser_paragraphs or current_rules().teaser_paragraphs)
    words = {
        entry.pk: [t for t in (_text(b) for b in entry.body) if len(t) >= 30] for entry in entries
    }
    return Target(
        article=blog,
        teaser=[_text(b) for b in blog.body if b.block_type == "paragraph"],
        withheld=[t for pk, texts in words.items() if pk not in first for t in texts],
        free=False,
    )


def test_the_live_blog_and_its_updates_give_nothing_past_the_first_entries(client, demo):
    """The page by every road, and the update address with every value a reader can send."""
    from masthead.liveblogs.models import LiveBlogEntry

    target = _live_blog_target()
    blog = target.article
    assert target.withheld, "the demo's live blog has no withheld entries to probe"
    exhausted_reader(client)
    url = blog.url
    page = client.get(url)
    assert page.status_code == 200 and target.teaser[0][:60] in html.unescape(page.content.decode())
    assert_teaser_only(page, target, "the live blog")
    for suffix, headers in OTHER_REPRESENTATIONS:
        assert_teaser_only(client.get(url + suffix, **headers), target, f"{suffix or headers}")
    for method in ["head", "options", "post", "put", "delete"]:
        assert_teaser_only(getattr(client, method)(url), target, method.upper())
    for variant in [url.rstrip("/"), url.upper(), url + "?", url + "?x=1", url + "?page=2"]:
        assert_teaser_only(client.get(variant, follow=True), target, f"variant {variant}")
    for agent in CRAWLER_AGENTS[:2]:
        for headers in [{}, *FORWARDING]:
            response = client.get(url, HTTP_USER_AGENT=agent, **headers)
            assert_teaser_only(response, target, f"{agent[:20]} {headers}")
    section = blog.get_parent().url
    for road in ["/feeds/", "/feeds/atom/", section, section + "feed/", "/sitemap.xml"]:
        assert_teaser_only(client.get(road), target, road, article_page=False)
    assert_teaser_only(
        client.get("/search/", {"q": "Kelmar"}), target, "search", article_page=False
    )

    entry_ids = sorted(blog.entries.values_list("pk", flat=True))
    other_ids = list(LiveBlogEntry.objects.exclude(blog=blog).values_list("pk", flat=True))
    endpoint = f"/live/{blog.pk}/after/"
    values = [0, *entry_ids, min(entry_ids) - 1, max(entry_ids) + 1, *other_ids[:2]]
    for value in values:
        response = client.get(f"{endpoint}{value}/")
        assert response.status_code in (200, 404), (value, response.status_code)
        assert_teaser_only(response, target, f"updates after {value}", article_page=False)
    for odd in ["-1", "abc", "1.5", "0x10", "%00", "1%2F2", "99999999999999999999", "0/../1"]:
        response = client.get(f"{endpoint}{odd}/")
        assert response.status_code in (400, 404), (odd, response.status_code)
        assert_teaser_only(response, target, f"updates after {odd}", article_page=False)
    for params in [{"full": "1"}, {"after": "0"}, {"format": "html"}, {"reader": "subscriber"}]:
        response = client.get(f"{endpoint}0/", params)
        assert response.status_code == 400
        assert_teaser_only(response, target, f"updates with {params}", article_page=False)
    for method in ["post", "put", "patch", "delete", "options"]:
        response = getattr(client, method)(f"{endpoint}0/")
        assert response.status_code == 405
        assert_teaser_only(response, target, f"updates by {method.upper()}", article_page=False)
    for agent in CRAWLER_AGENTS[:2]:
        for headers in [{}, *FORWARDING]:
            response = client.get(f"{endpoint}0/", HTTP_USER_AGENT=agent, **headers)
            assert_teaser_only(response, target, f"updates as {agent[:20]}", article_page=False)
    for other_blog in [blog.get_parent().pk, blog.pk + 10_000]:  # not a live blog, no page
        assert client.get(f"/live/{other_blog}/after/0/").status_code == 404
    # Forged meter cookies and a fresh browser get no more than the exhausted reader.
    for cookie in ["", "forged", "exhausted-reader-" + "x" * 12]:
        stranger = Client()
        if cookie:
            stranger.cookies[READER_COOKIE] = cookie
        response = stranger.get(f"{endpoint}0/")
        assert_teaser_only(response, target, f"updates, cookie {cookie!r}", article_page=False)


def test_stale_copies_sent_while_a_page_is_rendered_again_carry_nothing_withheld(
    client, demo, settings
):
    """Stale while revalidate (masthead/edge/revalidation.py): the copy of a moment ago is
    the variant this reader's access gets now, and a change of access is never waited out."""
    from masthead.core.versions import bump_now_and_on_commit
    from masthead.news.models import SectionPage

    settings.MASTHEAD_EDGE = {**settings.MASTHEAD_EDGE, "stale_seconds": 30}
    exhausted_reader(client)
    targets = metered(demo)[:4]
    for target in targets:  # the full text kept for new readers, the teaser for this one
        Client().get(target.article.url)
        client.get(target.article.url)
    # Their similar lists moved (a story published elsewhere): their copies go stale.
    bump_now_and_on_commit(*(f"page:{t.article.pk}" for t in targets), stale_ok=True)
    for target in targets:
        response = client.get(target.article.url)
        assert response.get("X-Masthead-Cache") == "stale"
        assert_teaser_only(response, target, "a stale copy for a reader past the limit")

    # A free story made metered: its full text, kept for everyone, is never sent stale.
    target = targets[0]
    page = ArticlePage.objects.get(pk=target.article.pk)
    page.free_to_read = True
    page.save_revision().publish()
    assert b'class="article__body"' in client.get(target.article.url).content
    page.free_to_read = False
    page.save_revision().publish()
    assert_teaser_only(client.get(target.article.url), target, "a story made metered")

    # A free section made metered: the same for every story in it.
    in_free_section = [t for t in demo if t.free and t.withheld and not t.article.free_to_read]
    assert in_free_section, "the demo paper has a free section (Opinion)"
    for target in in_free_section[:2]:
        assert b'class="article__body"' in client.get(target.article.url).content
    sections = {t.article.get_parent().pk for t in in_free_section[:2]}
    for section in SectionPage.objects.filter(pk__in=sections):
        section.free_to_read = False
        section.save_revision().publish()
    for target in in_free_section[:2]:
        response = client.get(target.article.url)
        assert response.get("X-Masthead-Cache") != "stale"
        assert_teaser_only(response, target, "a story whose section was made metered")
