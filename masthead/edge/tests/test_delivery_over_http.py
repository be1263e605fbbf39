"""The seven ways the shared page cache once leaked, each tried again over HTTP.

Against the live demo paper (granian, production settings, the cache where it
lives in production), as the newsroom, readers and attackers do it:

1. a draft previewed by an editor must not reach readers, and the preview
   must show the draft;
2. a newsroom account made without ``is_staff`` is staff, and its previews
   (a draft that ticks "free to read") change nothing for readers;
3. Wagtail's page privacy holds for pages the cache has already seen;
4. a page from the cache carries the headers a rendered one does;
5. a logged-in reader's page is never ``Cache-Control: public``;
6. ``Host`` spellings share one entry and never reach the canonical URL;
7. one browser, one allowance, logged in or out.
"""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import urlsplit

import pytest
import requests

from masthead.core.tests.live_site import metered_articles

pytestmark = pytest.mark.live

HIT = "X-Masthead-Cache"
DEMO_PASSWORD = "masthead-demo"


def csrf(page: requests.Response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def logged_in(site, email: str, password: str = DEMO_PASSWORD) -> requests.Session:
    browser = requests.Session()
    return log_in(browser, site, email, password)


def log_in(browser: requests.Session, site, email: str, password: str = DEMO_PASSWORD):
    form = browser.get(site.url + "/accounts/login/", timeout=30)
    done = browser.post(
        site.url + "/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": csrf(form)},
        headers={"Referer": form.url},
        timeout=30,
    )
    assert done.ok and "sessionid" in browser.cookies, f"{email} could not log in"
    return browser


def log_out(browser: requests.Session, site) -> None:
    page = browser.get(site.url + "/account/", timeout=30)
    browser.post(
        site.url + "/accounts/logout/",
        data={"csrfmiddlewaretoken": csrf(page)},
        headers={"Referer": page.url},
        timeout=30,
    )
    assert "sessionid" not in browser.cookies


def sign_up(site) -> tuple[requests.Session, str]:
    """A fresh browser signs up; the address is not verified."""
    browser = requests.Session()
    email = f"new-{uuid.uuid4().hex[:8]}@example.org"
    form = browser.get(site.url + "/accounts/signup/", timeout=30)
    password = "a-long-enough-passphrase-" + uuid.uuid4().hex[:6]
    browser.post(
        site.url + "/accounts/signup/",
        data={
            "email": email,
            "password1": password,
            "password2": password,
            "csrfmiddlewaretoken": csrf(form),
        },
        headers={"Referer": form.url},
        timeout=30,
    )
    assert "sessionid" in browser.cookies, "sign-up did not log the reader in"
    return browser, email


def verified_reader(site) -> tuple[str, str]:
    """A new registered reader with a verified address (ten free articles a month)."""
    email, password = f"verified-{uuid.uuid4().hex[:6]}@example.org", "verified-pass-1"
    shell(
        site,
        "from allauth.account.models import EmailAddress\n"
        "from django.contrib.auth import get_user_model\n"
        f"u = get_user_model().objects.create_user(email={email!r}, password={password!r})\n"
        f"EmailAddress.objects.create(user=u, email={email!r}, verified=True, primary=True)",
    )
    return email, password


def exhausted(site, paths: list[str]) -> requests.Session:
    """A browser with no account that has read its five free articles."""
    browser = requests.Session()
    for path in paths[-5:]:
        assert "You have read" in browser.get(site.url + path, timeout=30).text
    return browser


def shell(site, code: str) -> str:
    return site.masthead("shell", "-c", code)


def article_id(site, path: str) -> int:
    slug = path.rstrip("/").rsplit("/", 1)[1]
    out = shell(
        site,
        "from masthead.news.models import ArticlePage\n"
        f"print(ArticlePage.objects.get(slug={slug!r}).pk)",
    )
    return int(out.split()[-1])


def save_draft(site, page_id: int, *, paragraph: str, standfirst: str, free: bool) -> None:
    """A newsroom draft of a published article: a new first paragraph, standfirst and access."""
    shell(
        site,
        "from masthead.news.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(pk={page_id}).get_latest_revision_as_object()\n"
        "blocks = list(page.body.raw_data)\n"
        f"blocks[0] = {{'type': 'paragraph', 'value': '<p>' + {paragraph!r} + '</p>'}}\n"
        "page.body = blocks\n"
        f"page.standfirst = {standfirst!r}\n"
        f"page.free_to_read = {free!r}\n"
        "page.save_revision()",
    )


@pytest.fixture(scope="module")
def paths(live_site) -> list[str]:
    return [urlsplit(url).path for url in metered_articles(live_site)]


def withheld_from(page_html: str) -> str:
    """The last paragraph of a full-text page: text that only the full text holds."""
    metered = page_html.split('class="article__metered"', 1)[1]
    return re.findall(r"<p>([^<]{40,})</p>", metered)[-1]


def test_1_and_2_previews_show_the_draft_and_never_reach_readers(live_site, paths):
    site, path = live_site, paths[3]
    published = requests.get(site.url + path, timeout=30).text
    secret = withheld_from(published)
    page_id = article_id(site, path)
    # Readers of every kind have the published page in the cache already.
    subscriber = logged_in(site, "subscriber@example.com")
    reader = logged_in(site, *verified_reader(site))
    past_limit = exhausted(site, paths[5:])
    for browser in (subscriber, reader, past_limit, requests.Session()):
        browser.get(site.url + path, timeout=30)

    draft = f"Draft paragraph {uuid.uuid4().hex[:8]} that only the newsroom has seen."
    standfirst = f"Draft standfirst {uuid.uuid4().hex[:8]}."
    save_draft(site, page_id, paragraph=draft, standfirst=standfirst, free=True)
    # A newsroom account made by Wagtail's "Add user": in Editors, no is_staff.
    email = f"desk-{uuid.uuid4().hex[:6]}@example.org"
    shell(
        site,
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        f"user = get_user_model().objects.create_user(email={email!r}, password='desk-pass-1')\n"
        "assert not user.is_staff\n"
        "user.groups.add(Group.objects.get(name='Editors'))",
    )
    editors = [logged_in(site, "editor@example.com"), logged_in(site, email, "desk-pass-1")]
    for editor in editors:
        for _ in range(2):
            preview = editor.get(f"{site.url}/admin/pages/{page_id}/view_draft/", timeout=30)
            assert preview.status_code == 200
            assert draft in preview.text and standfirst in preview.text, "preview shows old text"
            assert secret in preview.text, "the preview is not the whole story"
            assert "private" in preview.headers["Cache-Control"]
            assert HIT not in preview.headers
        # The newsroom reads the live page unmetered and uncached.
        live = editor.get(site.url + path, timeout=30)
        assert secret in live.text and "meter-notice" not in live.text and HIT not in live.headers

    for browser in (subscriber, reader, past_limit, requests.Session()):
        for _ in range(2):
            page = browser.get(site.url + path, timeout=30).text
            assert draft not in page and standfirst not in page
    assert secret in subscriber.get(site.url + path, timeout=30).text
    # The draft's "free to read" changed nothing: past the limit is still the teaser.
    wall = past_limit.get(site.url + path, timeout=30)
    assert 'class="offer"' in wall.text and secret not in wall.text
    assert "meter-notice" not in wall.text

    # A newsroom account is never metered, however much it reads.
    desk = editors[1]
    for other in paths[:12]:
        page = desk.get(site.url + other, timeout=30).text
        assert 'class="article__metered"' in page and "meter-notice" not in page


def test_3_page_privacy_holds_for_pages_the_cache_has_seen(live_site, paths):
    site = live_site
    login_only, password_page = paths[6], paths[7]
    for path in (login_only, password_page):
        for _ in range(2):
            requests.get(site.url + path, timeout=30)
    ids = {path: article_id(site, path) for path in (login_only, password_page)}
    shell(
        site,
        "from wagtail.models import Page, PageViewRestriction as R\n"
        f"R.objects.create(page=Page.objects.get(pk={ids[login_only]}), restriction_type=R.LOGIN)\n"
        f"R.objects.create(page=Page.objects.get(pk={ids[password_page]}),"
        " restriction_type=R.PASSWORD, password='harbour-lights')",
    )
    try:
        for _ in range(2):
            anonymous = requests.get(site.url + login_only, timeout=30, allow_redirects=False)
            assert anonymous.status_code == 302 and "/login/" in anonymous.headers["Location"]
        member = logged_in(site, "subscriber@example.com")
        for _ in range(2):
            page = member.get(site.url + login_only, timeout=30)
            assert page.status_code == 200 and HIT not in page.headers
            assert "private" in page.headers["Cache-Control"]

        unlocked = requests.Session()
        form = unlocked.get(site.url + password_page, timeout=30)
        assert 'type="password"' in form.text and 'class="article__body"' not in form.text
        action = re.search(r'<form[^>]+action="([^"]+)"', form.text).group(1)
        unlocked.post(
            site.url + action,
            data={
                "password": "harbour-lights",
                "return_url": password_page,
                "csrfmiddlewaretoken": csrf(form),
            },
            headers={"Referer": form.url},
            timeout=30,
        )
        opened = unlocked.get(site.url + password_page, timeout=30)
        assert 'class="article__body"' in opened.text and HIT not in opened.headers
        for _ in range(2):
            stranger = requests.get(site.url + password_page, timeout=30)
            assert 'class="article__body"' not in stranger.text
            assert 'type="password"' in stranger.text
    finally:
        shell(
            site,
            "from wagtail.models import PageViewRestriction as R\n"
            f"R.objects.filter(page_id__in={list(ids.values())!r}).delete()",
        )


def until_hit(get, tries: int = 12):
    """The first response from the cache (each of the site's worker processes has its own)."""
    for _ in range(tries):
        response = get()
        if response.headers.get(HIT) == "hit":
            return response
    raise AssertionError("never answered from the shared page cache")


def comparable(headers) -> dict:
    per_response = {"date", "set-cookie", "content-length", HIT.lower()}
    return {k.lower(): v for k, v in headers.items() if k.lower() not in per_response}


def test_4_a_cached_page_carries_the_headers_of_a_rendered_one(live_site, paths):
    site, path = live_site, paths[8]
    shell(site, "from masthead.core.versions import bump\nbump('site')")
    subscriber = logged_in(site, "subscriber@example.com")
    rendered = subscriber.get(site.url + path, timeout=30)
    cached = until_hit(lambda: subscriber.get(site.url + path, timeout=30))
    assert HIT not in rendered.headers
    assert cached.headers["X-Frame-Options"] == "DENY"
    assert comparable(cached.headers) == comparable(rendered.headers)
    assert cached.content == rendered.content
    for url in (site.url + "/", site.url + "/britain/"):
        first = requests.get(url, timeout=30)
        second = until_hit(lambda url=url: requests.get(url, timeout=30))
        assert comparable(second.headers) == comparable(first.headers)


def test_5_a_logged_in_reader_never_gets_a_public_page(live_site, paths):
    site = live_site
    unverified, _ = sign_up(site)
    editorial = requests.get(site.url + "/editorial/", timeout=30).text
    free = [u for u in re.findall(r'href="(/editorial/[^"/]+/)"', editorial) if "/feed" not in u]
    for url in [free[0], paths[9], "/", "/britain/"]:
        for _ in range(2):
            response = unverified.get(site.url + url, timeout=30)
            assert response.status_code == 200
            assert "public" not in response.headers["Cache-Control"], url
            assert "private" in response.headers["Cache-Control"], url
    past = logged_in(site, *verified_reader(site))
    for url in [free[0], "/"]:
        assert "public" not in past.get(site.url + url, timeout=30).headers["Cache-Control"]


def test_6_host_spellings_share_one_entry_and_never_reach_the_page(live_site, paths):
    site, path = live_site, paths[10]
    spellings = ["127.0.0.1:9", "localhost:1", "LOCALHOST", "[::1]:7"]
    for url in ("/", path):
        # Every worker process has seen the page under the first spelling …
        warm = [
            requests.get(site.url + url, headers={"Host": spellings[0]}, timeout=30)
            for _ in range(12)
        ]
        # … so every other spelling is the same entry.
        pages = [warm[0]]
        for host in spellings[1:]:
            for _ in range(3):
                page = requests.get(site.url + url, headers={"Host": host}, timeout=30)
                assert page.status_code == 200
                assert page.headers.get(HIT) == "hit", f"{host} made an entry of its own"
            pages.append(page)
        for page, host in zip(pages, spellings, strict=True):
            assert host not in page.text and host.lower() not in page.text
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', pages[-1].text)
        assert canonical.group(1) == site.url + url
        data = re.search(r'application/ld\+json">(.*?)</script>', pages[-1].text)
        if data:
            assert json.loads(data.group(1))["url"] == site.url + url


def test_7_one_browser_one_allowance(live_site, paths):
    site = live_site
    # A fresh, unverified account: five, then nothing more once logged out.
    browser, _ = sign_up(site)
    for n, path in enumerate(paths[:5], start=1):
        assert f"You have read {n} of 5" in browser.get(site.url + path, timeout=30).text
    assert 'class="offer"' in browser.get(site.url + paths[5], timeout=30).text
    log_out(browser, site)
    for path in paths[5:10]:
        page = browser.get(site.url + path, timeout=30).text
        assert 'class="offer"' in page and 'class="article__metered"' not in page
    # A verified reader: ten logged in, then none logged out.
    email, password = verified_reader(site)
    browser = logged_in(site, email, password)
    for n, path in enumerate(paths[:10], start=1):
        assert f"You have read {n} of 10" in browser.get(site.url + path, timeout=30).text
    log_out(browser, site)
    for path in paths[10:15]:
        page = browser.get(site.url + path, timeout=30).text
        assert 'class="offer"' in page and 'class="article__metered"' not in page
    # And the month's anonymous reads still carry into the account when it logs in again.
    log_in(browser, site, email, password)
    page = browser.get(site.url + paths[10], timeout=30).text
    assert 'class="offer"' in page
