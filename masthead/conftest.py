"""Fixtures shared by every app's tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.news.tests.factories import AuthorFactory, TopicFactory, make_article, make_section


@pytest.fixture
def paper(db):
    """A small paper: two sections, three authors, five published stories and a draft."""
    now = timezone.now()
    britain = make_section("Britain")
    world = make_section("World")
    editorial = make_section("Editorial", free_to_read=True)
    hollis = AuthorFactory(name="Tom Hollis", role="Industrial reporter")
    duarte = AuthorFactory(name="Ines Duarte", role="Foreign editor")
    strike = TopicFactory(name="Port strike")
    floods = TopicFactory(name="Floods")
    articles = {
        "vote": make_article(
            britain,
            "Dockers vote to strike over pay",
            authors=[hollis],
            topics=[strike],
            standfirst="Workers at the port reject a four per cent offer.",
            paragraphs=[
                "Dockers at the harbour voted to walk out on Monday.",
                "The union said the offer was a pay cut in real terms.",
                "The operator said it was disappointed by the zanzibarite result.",
                "Talks are expected to resume later this week.",
                "Hauliers warned of queues on the approach roads.",
                "Shops said shelves could empty within days.",
            ],
            published_at=now - timedelta(days=3),
            subheading="What happens next",
            quote="We have been pushed to this.",
        ),
        "deal": make_article(
            britain,
            "Deal ends the port strike after nine days",
            authors=[hollis],
            topics=[strike],
            published_at=now - timedelta(hours=2),
            updated_at=now - timedelta(minutes=30),
        ),
        "floods": make_article(
            world,
            "River bursts its banks upstream of Kelmar",
            authors=[duarte, hollis],
            topics=[floods],
            published_at=now - timedelta(days=5),
        ),
        "talks": make_article(
            world,
            "Climate talks stall over finance",
            authors=[duarte],
            published_at=now - timedelta(days=1),
        ),
        "leader": make_article(
            editorial,
            "The paper's view on the strike",
            topics=[strike],
            published_at=now - timedelta(hours=5),
        ),
    }
    draft = make_article(britain, "Unpublished scoop about the quangle wangle", publish=False)
    return {
        "sections": {"britain": britain, "world": world, "editorial": editorial},
        "authors": {"hollis": hollis, "duarte": duarte},
        "topics": {"strike": strike, "floods": floods},
        "articles": articles,
        "draft": draft,
    }


@pytest.fixture(scope="module")
def demo_paper_once(django_db_setup, django_db_blocker):
    """The demo paper, loaded once for a module's tests (loading it takes seconds).

    As Django's ``TestCase.setUpTestData``: it is loaded inside a transaction
    that is rolled back when the module ends, and each test (``django_db``)
    runs in a savepoint within it, so no test sees another's changes.
    """
    from django.db import transaction

    from masthead.news.demo.loader import load_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            _forget_kept_pages()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (its own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def redis_url():
    """``REDIS_URL`` when set (CI: 127.0.0.1:6379); otherwise a redis-server of our own."""
    import os

    from masthead.core.tests.live_site import OwnRedis

    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = OwnRedis().start()
    yield server.url
    server.remove()


@pytest.fixture(scope="session")
def live_smtp():
    """A real SMTP server (aiosmtpd) that keeps what the live site sends."""
    from masthead.core.tests.live_site import SmtpInbox

    inbox = SmtpInbox().start()
    yield inbox
    inbox.stop()


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, live_smtp):
    """The demo paper served by granian with the production settings, as `make serve` runs it."""
    from masthead.core.tests.live_site import build_live_site, destroy_live_site

    site = build_live_site(tmp_path_factory.mktemp("live-site"), smtp_port=live_smtp.port)
    site.start()
    yield site
    destroy_live_site(site)


def pytest_terminal_summary(terminalreporter):
    """Say how many responses the paywall attack suite checked, when it ran."""
    import sys

    suite = sys.modules.get("masthead.paywall.tests.test_attack_suite")
    if suite and suite.PROBES["count"]:
        terminalreporter.write_line(
            f"paywall attack suite: {suite.PROBES['count']} responses checked for withheld text"
        )


def _forget_kept_pages() -> None:
    from masthead.analytics import counting
    from masthead.appeals.banner import forget_banner
    from masthead.core.kept import forget_everything_kept
    from masthead.edge.store import page_cache
    from masthead.experiments.asking import sightings
    from masthead.newsletters.prompt import forget_prompt
    from masthead.paywall.accounts import forget_kept_accounts

    page_cache().clear()
    forget_kept_accounts()
    forget_banner()
    forget_prompt()
    forget_everything_kept()
    # Counts and a test's sightings buffered by an earlier test name rows of its database.
    counting.forget()
    sightings.forget()
    _empty_process_caches()


def _empty_process_caches() -> None:
    """Caches in this process's memory hold rows of databases now rolled back.

    On SQLite an id comes round again in the next test (a rendition kept for
    image 7 would be served for another image 7). Shared caches (Redis) are
    left alone: other processes use them, and their ids never repeat.
    """
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _empty_shared_page_cache():
    """Each test's database is new: what an earlier test kept (pages, rules, accounts) is not."""
    _forget_kept_pages()
    yield
    _forget_kept_pages()


@pytest.fixture(scope="session", autouse=True)
def _forget_this_runs_redis_keys():
    """Leave the shared Redis as we found it: drop the cache and meter keys of this run."""
    yield
    from django.conf import settings

    if not settings.REDIS_URL:
        return
    from masthead.core.tests.live_site import delete_redis_keys

    delete_redis_keys(
        settings.REDIS_URL,
        [
            settings.MASTHEAD_METER_STORE["OPTIONS"]["prefix"],
            settings.CACHES["default"]["KEY_PREFIX"],
            settings.MASTHEAD_EDGE["prefix"],
        ],
    )


@pytest.fixture
def stripe_api(httpserver, settings):
    """Masthead configured for Stripe, talking to a local stand-in for Stripe's API."""
    from masthead.payments.tests.stripe_standin import WEBHOOK_SECRET

    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    settings.MASTHEAD_STRIPE_SECRET_KEY = "sk_test_masthead"
    settings.MASTHEAD_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.MASTHEAD_STRIPE_API_BASE = httpserver.url_for("").rstrip("/")
    return httpserver
