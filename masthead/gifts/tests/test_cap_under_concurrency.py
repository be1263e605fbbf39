"""A link's cap holds when its readers arrive at the same moment.

A new reader's place is one conditional update of the link's count, beside
a read that is unique per reader, so there is no read-modify-write to race.
The threaded test needs a database that takes concurrent connections:
PostgreSQL here (SQLite's in-memory test database locks a second thread
out); the sequential test holds the rule everywhere.
"""

import os
import threading

import pytest
from django.db import connection
from django.utils import timezone

from masthead.gifts.links import gift_token
from masthead.gifts.models import GiftLink, GiftRead
from masthead.gifts.services import gift_create, gift_for_read
from masthead.gifts.verdict import GiftRules, Verdict
from masthead.paywall.tests.factories import make_reader

RACED = os.environ.get("DATABASE_URL", "").startswith("postgres")
READERS = 12
CAP = 3


def a_gift(paper) -> GiftLink:
    giver = make_reader("giver@example.org", subscription="active")
    rules = GiftRules(readers=CAP)
    return gift_create(
        giver=giver, article=paper["articles"]["vote"], rules=rules, now=timezone.now()
    )


def read(gift: GiftLink, reader: int) -> Verdict:
    return gift_for_read(
        token=gift_token(gift.pk),
        reader_keys=(f"anon:reader-{reader}",),
        article_id=gift.article_id,
        rules=GiftRules(),
        now=timezone.now(),
    )


@pytest.mark.django_db
def test_the_first_readers_take_the_places_and_keep_them(paper):
    gift = a_gift(paper)
    answers = [read(gift, reader) for reader in range(READERS) for _ in range(2)]
    assert answers.count(Verdict.GOOD) == 2 * CAP
    assert [read(gift, reader) for reader in range(READERS)][: CAP + 1] == [Verdict.GOOD] * CAP + [
        Verdict.FULL
    ]
    gift.refresh_from_db()
    assert gift.reader_count == CAP == GiftRead.objects.filter(gift=gift).count()


def front_page_again() -> None:
    """The tree the migrations made (root, front page, site), if a test emptied the database.

    A transactional test empties every table as it ends, so a later one finds no front
    page for the paper's sections to hang from.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    from masthead.news.models import HomePage

    if HomePage.objects.exists():
        return
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=locale))
    home = root.add_child(instance=HomePage(title="Front page", slug="home", locale=locale))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


if RACED:  # collected only where threads can share the database

    @pytest.fixture
    def raced_paper(transactional_db, request):
        front_page_again()
        return request.getfixturevalue("paper")

    @pytest.mark.django_db(transaction=True)
    def test_readers_arriving_at_once_never_pass_the_cap(raced_paper):
        paper = raced_paper
        gift = a_gift(paper)
        start = threading.Barrier(READERS * 2)
        answers, errors = [], []

        def arrive(reader: int) -> None:
            try:
                start.wait(timeout=30)
                answers.append((reader, read(gift, reader)))
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)
            finally:
                connection.close()

        # Every reader twice at once (a double click), all of them at the same moment.
        threads = [
            threading.Thread(target=arrive, args=(reader,))
            for reader in range(READERS)
            for _ in "ab"
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        let_in = {reader for reader, answer in answers if answer is Verdict.GOOD}
        assert len(let_in) == CAP
        gift.refresh_from_db()
        assert gift.reader_count == CAP == GiftRead.objects.filter(gift=gift).count()
