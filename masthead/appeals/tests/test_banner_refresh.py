"""The banner's periodic look at the appeals is taken beside the readers, never in their way."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.appeals import banner
from masthead.appeals.tests.factories import make_campaign
from masthead.core.tests.live_site import eventually


@pytest.mark.django_db(transaction=True)
def test_an_appeal_that_starts_shows_after_a_look_taken_beside_the_readers(monkeypatch):
    monkeypatch.setattr(banner, "FRESH_SECONDS", 0.2)
    banner.forget_banner()
    starts = timezone.now() + timedelta(seconds=0.6)
    make_campaign(name="The Spring Appeal", starts_at=starts)
    assert banner.banner_html().strip() == ""  # not started yet
    time.sleep(0.8)
    began = time.monotonic()
    assert banner.banner_html().strip() == ""  # the banner of a moment ago, at once
    assert time.monotonic() - began < 0.05
    assert eventually(lambda: "The Spring Appeal" in banner.banner_html())


@pytest.mark.django_db(transaction=True)
def test_at_the_appeals_end_the_banner_goes_at_once(monkeypatch):
    monkeypatch.setattr(banner, "FRESH_SECONDS", 60)
    banner.forget_banner()
    make_campaign(name="The Short Appeal", ends_at=timezone.now() + timedelta(seconds=0.5))
    assert "The Short Appeal" in banner.banner_html()
    time.sleep(0.7)
    assert "The Short Appeal" not in banner.banner_html()
