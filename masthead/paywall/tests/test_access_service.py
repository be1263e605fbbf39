"""The access service as a table, on both real meter stores, with no request in sight."""

import pytest

from masthead.paywall.access import decide_access
from masthead.paywall.identity import Reader, account_kind
from masthead.paywall.periods import current_period
from masthead.paywall.policy import ArticleFacts, MeterRules, Outcome, ReaderKind
from masthead.paywall.tests.factories import make_reader

pytestmark = pytest.mark.django_db

# This month: a Redis meter set expires a week after its month ends.
P = current_period()
RULES = MeterRules(anonymous_limit=2, registered_limit=3)
PAID = ArticleFacts(article_id=1)
FREE = ArticleFacts(article_id=2, free_to_read=True)
FREE_SECTION = ArticleFacts(article_id=3, in_free_section=True)


def anonymous(browser="browser-aaaaaaaaaaaa", new=False):
    return Reader(
        kind=ReaderKind.ANONYMOUS,
        meter_key=f"anon:{browser}",
        anonymous_id=None if new else browser,
        new_anonymous_id=browser if new else None,
    )


def account(kind, user=7, browser="browser-bbbbbbbbbbbb"):
    return Reader(kind=kind, meter_key=f"user:{user}", anonymous_id=browser, account=True)


# reader, article, counts, reads already used, outcome, counted, cookie to set
TABLE = [
    ("new reader, metered", anonymous(new=True), PAID, True, 0,
     Outcome.FULL_AND_COUNT, 1, "browser-aaaaaaaaaaaa"),
    ("returning reader with reads left", anonymous(), PAID, True, 1,
     Outcome.FULL_AND_COUNT, 2, None),
    ("past the limit", anonymous(), PAID, True, 2, Outcome.TEASER_REGISTER, 2, None),
    ("free article", anonymous(), FREE, True, 2, Outcome.FULL, None, None),
    ("free section", anonymous(), FREE_SECTION, True, 2, Outcome.FULL, None, None),
    ("HEAD or preview: never counted", anonymous(), PAID, False, 0,
     Outcome.TEASER_REGISTER, None, None),
    ("not counted, free", anonymous(), FREE, False, 0, Outcome.FULL, None, None),
    ("registered past the limit", account(ReaderKind.REGISTERED), PAID, True, 3,
     Outcome.TEASER_SUBSCRIBE, 3, None),
    ("unverified account keeps the anonymous allowance", account(ReaderKind.ANONYMOUS),
     PAID, True, 2, Outcome.TEASER_REGISTER, 2, None),
    ("subscriber", account(ReaderKind.SUBSCRIBER), PAID, True, 3, Outcome.FULL, None, None),
    ("staff", account(ReaderKind.STAFF), PAID, True, 3, Outcome.FULL, None, None),
    ("staff's preview", account(ReaderKind.STAFF), PAID, False, 3, Outcome.FULL, None, None),
    ("verified crawler", Reader(kind=ReaderKind.CRAWLER, meter_key="crawler", anonymous_id=None),
     PAID, True, 0, Outcome.FULL, None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "reader", "facts", "counts", "used", "outcome", "after", "cookie"), TABLE
)
def test_access(store, case, reader, facts, counts, used, outcome, after, cookie):
    for other in range(100, 100 + used):
        store.grant(reader_key=reader.meter_key, period=P, article_id=other, limit=used)
    access = decide_access(
        reader=reader, facts=facts, rules=RULES, counts=counts, period=P, store=store
    )
    assert access.outcome is outcome, case
    assert (access.meter.used if access.meter else None) == after, case
    assert access.new_reader_cookie == cookie, case
    assert access.notice_count == (after if outcome.is_full and after else None), case


def test_a_logged_in_readers_reads_are_the_browsers_too(store):
    """One browser, one allowance: logging out leaves the browser with the account's reads."""
    reader = account(ReaderKind.REGISTERED, browser="shared-browser-xxxx")
    for article in (1, 2, 3):
        decide_access(
            reader=reader, facts=ArticleFacts(article_id=article), rules=RULES,
            counts=True, period=P, store=store,
        )  # fmt: skip
    assert store.articles(reader_key="anon:shared-browser-xxxx", period=P) == {1, 2, 3}
    logged_out = anonymous("shared-browser-xxxx")
    access = decide_access(
        reader=logged_out, facts=ArticleFacts(article_id=4), rules=RULES,
        counts=True, period=P, store=store,
    )  # fmt: skip
    assert access.outcome is Outcome.TEASER_REGISTER
    # What was read logged in is still a free reread once logged out.
    again = decide_access(
        reader=logged_out, facts=ArticleFacts(article_id=2), rules=RULES,
        counts=True, period=P, store=store,
    )  # fmt: skip
    assert again.outcome is Outcome.FULL


def test_a_newsroom_account_without_is_staff_is_staff(db):
    from django.contrib.auth.models import Group

    desk = make_reader("desk@example.org")
    assert not desk.is_staff
    assert account_kind(desk) is ReaderKind.REGISTERED
    desk.groups.add(Group.objects.get(name="Writers"))
    desk = type(desk).objects.get(pk=desk.pk)  # permissions are cached per user object
    assert account_kind(desk) is ReaderKind.STAFF
    subscriber = make_reader("s@example.org", subscription="active")
    assert account_kind(subscriber) is ReaderKind.SUBSCRIBER
    assert account_kind(make_reader("u@example.org", verified=False)) is ReaderKind.ANONYMOUS
