"""A CDN in front is told to drop a story, its section front and the front page."""

import pytest
from werkzeug import Response

from masthead.news.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_publishing_and_unpublishing_purge_the_story_and_its_fronts(settings, httpserver):
    purged = []

    def record(request):
        purged.append((request.method, request.path))
        return Response("purged")

    httpserver.expect_request("").respond_with_handler(record)
    section = make_section("Harbour")
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": httpserver.url_for("/"),
        }
    }
    story = make_article(section, "Ferry timetable changes for winter")
    assert ("PURGE", story.url) in purged
    assert ("PURGE", section.url) in purged
    assert ("PURGE", "/") in purged
    purged.clear()
    story.unpublish()
    assert {("PURGE", story.url), ("PURGE", section.url), ("PURGE", "/")} <= set(purged)


def test_without_a_cdn_nothing_is_sent(settings, httpserver):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    make_article(make_section("Harbour"), "Ferry timetable changes for winter")
    assert not httpserver.log
