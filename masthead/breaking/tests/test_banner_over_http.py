"""The banner over HTTP: on every page at once, off at once, gone at its expiry, one box at a time.

Pages are read with Django's test client through the whole stack, shared page
cache included: a page kept before a switch must show the change on the next
request without being rendered again.
"""

import time

import pytest
from django.test import Client

from masthead.appeals.tests.factories import make_campaign
from masthead.breaking.tests.factories import seconds_from_now, switch_off, switch_on
from masthead.paywall.tests.test_attack_suite import exhausted_reader

pytestmark = pytest.mark.django_db

HIT = "X-Masthead-Cache"
TEXT = b"Flood warning: the Vessa is expected to burst its banks tonight"
BOX = b'<section class="breaking" aria-label="Breaking news">'
LINE = b'<section class="breaking breaking--line" aria-label="Breaking news">'


def site_pages(paper) -> list[str]:
    front, section, story = "/", paper["sections"]["britain"].url, paper["articles"]["vote"].url
    return [front, section, story, "/support/", "/search/?q=strike"]


def keep(*urls: str) -> None:
    """Every page read once, so that the shared cache holds what it may keep."""
    for url in urls:
        assert Client().get(url).status_code == 200, url


def test_the_banner_switches_on_and_off_across_the_site(paper):
    story = paper["articles"]["deal"]
    urls = site_pages(paper)
    keep(*urls)
    for url in urls:
        assert TEXT not in Client().get(url).content, url

    banner = switch_on(story)
    for url in urls:
        response = Client().get(url)
        assert BOX in response.content, url
        assert TEXT in response.content, url
        assert f'<a href="{story.url}">'.encode() in response.content, url
    for url in urls[:3]:  # kept before the switch, and still kept: the banner is filled in
        assert Client().get(url)[HIT] == "hit", url

    switch_off(banner)
    for url in urls:
        response = Client().get(url)
        assert TEXT not in response.content, url
        assert b'class="breaking' not in response.content, url


def test_an_expired_banner_goes_from_kept_pages_without_any_save(paper):
    switch_on(paper["articles"]["deal"], expires_at=seconds_from_now(1.5))
    urls = site_pages(paper)
    keep(*urls)
    for url in urls:
        assert TEXT in Client().get(url).content, url
    time.sleep(1.6)
    for url in urls:
        response = Client().get(url)
        assert TEXT not in response.content, url
    assert Client().get("/")[HIT] == "hit"


def test_only_the_newest_banner_shows(paper):
    switch_on(paper["articles"]["deal"], text="Older news of the strike")
    switch_on(paper["articles"]["floods"], text="Newer news of the floods")
    page = Client().get("/").content
    assert b"Newer news of the floods" in page
    assert b"Older news of the strike" not in page


def test_the_banner_takes_the_appeals_place(paper):
    make_campaign(name="The Winter Appeal")
    story = paper["articles"]["vote"].url
    keep("/", story)
    for url in ("/", story):
        assert b"The Winter Appeal" in Client().get(url).content, url
    banner = switch_on(paper["articles"]["deal"])
    for url in ("/", story):
        page = Client().get(url).content
        assert TEXT in page, url
        assert b'class="appeal"' not in page, url
    switch_off(banner)
    for url in ("/", story):
        assert b"The Winter Appeal" in Client().get(url).content, url


def test_beside_the_paywalls_offer_the_banner_is_one_line(paper):
    make_campaign(name="The Winter Appeal")
    switch_on(paper["articles"]["deal"])
    reader = Client()
    exhausted_reader(reader)
    page = reader.get(paper["articles"]["vote"].url).content
    assert b'<section class="offer"' in page
    assert LINE in page and TEXT in page
    assert BOX not in page
    assert b'class="appeal"' not in page
    assert BOX in Client().get(paper["articles"]["vote"].url).content  # read in full: the box
