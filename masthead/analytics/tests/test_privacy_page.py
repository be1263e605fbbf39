"""The privacy page tells readers what the reader analytics keep, and what they do not."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_the_privacy_page_says_what_the_counting_keeps(client):
    page = client.get("/privacy/").content.decode()
    assert "Counting our readers" in page
    assert "no script from anyone else" in page
    assert "No network address, no browser description (user agent) and no email address" in page
    assert "by the hour, by story and by where the visit came from" in page
    assert "It is deleted when the day ends" in page
    assert "the story you read last before it and where your visit came from" in page
    assert "If you delete your account, the link between your purchases and your reading" in page
