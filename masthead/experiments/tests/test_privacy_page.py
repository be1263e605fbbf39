"""The privacy page tells readers what a test of the asks keeps, and that it changes no access."""

import pytest


@pytest.mark.django_db
def test_the_privacy_page_says_what_a_test_of_the_asks_keeps(client):
    page = client.get("/privacy/").content.decode()
    assert "Testing how we ask" in page
    assert "a key used for that test alone" in page
    assert "The digests are deleted when the test ends" in page
    assert "A test never changes what you may read." in page
