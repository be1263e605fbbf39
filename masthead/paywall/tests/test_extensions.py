"""The access service decides on facts features register, and tells them what readers read.

A made-up feature registers here for the length of a test, as a real one does
in its ``AppConfig.ready()``: the access service changes its answer without
knowing the feature's name.
"""

from contextlib import contextmanager

import pytest
from django.test import RequestFactory

from masthead.paywall import extensions
from masthead.paywall.policy import ArticleFacts, MeterRules, Outcome, ReaderKind, Via
from masthead.paywall.services import access_for

pytestmark = pytest.mark.django_db

RULES = MeterRules(anonymous_limit=1)
STORY = ArticleFacts(article_id=41)


@contextmanager
def registered(registry, item):
    registry.register(item)
    try:
        yield item
    finally:
        registry.unregister(item)


@contextmanager
def listening():
    heard = []

    def receiver(sender, access, **kwargs):
        heard.append(access)

    extensions.article_read.connect(receiver)
    try:
        yield heard
    finally:
        extensions.article_read.disconnect(receiver)


def read(method="get", **extra):
    request = getattr(RequestFactory(), method)("/news/a-story/", **extra)
    return access_for(request, facts=STORY, rules=RULES)


def test_a_registered_unlock_opens_the_story_and_counts_against_nobody():
    with registered(extensions.unlocks, lambda article_id: article_id == STORY.article_id):
        access = read()
    assert access.outcome is Outcome.FULL_UNLOCKED
    assert access.meter is None


def test_a_registered_gift_opens_only_a_read_that_counts():
    with registered(extensions.gifts, lambda request, reader, facts: True):
        assert read().outcome is Outcome.FULL_GIFT
        assert read("head").outcome is Outcome.TEASER_REGISTER


def test_a_registered_network_makes_a_reader_a_subscriber_through_it():
    with registered(extensions.networks, lambda address: 9 if address == "192.0.2.7" else None):
        inside = read(REMOTE_ADDR="192.0.2.7")
        outside = read(REMOTE_ADDR="198.51.100.1")
    assert (inside.reader.kind, inside.reader.via, inside.reader.institution_id) == (
        ReaderKind.SUBSCRIBER,
        Via.INSTITUTION_NETWORK,
        9,
    )
    assert outside.reader.kind is ReaderKind.ANONYMOUS


def test_listeners_hear_every_story_given_in_full_and_nothing_else():
    with listening() as heard:
        given = read()  # a new browser's free article of the month
        read()  # another new browser's
        head = read("head")  # never counts: the teaser
    assert given.outcome is Outcome.FULL_AND_COUNT and head.outcome is Outcome.TEASER_REGISTER
    assert len(heard) == 2
    assert all(access.outcome.is_full and access.facts == STORY for access in heard)
