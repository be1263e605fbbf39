"""Where Masthead overrides a Wagtail or Django method, the override keeps the method's contract.

Wagtail and Django call these methods too, expecting what their own return:
a QuerySet they can order, a response they can render, a cache that answers
as Django's does. Each test puts the override beside the base method (or its
documented answer) and checks they agree, return type included.
"""

from __future__ import annotations

import fcntl
import os
from uuid import uuid4

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.utils import ConnectionHandler
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.models.sites import SiteRootPath
from wagtail.url_routing import RouteResult

from masthead.breaking.models import PublicInterestUnlock
from masthead.breaking.wagtail_hooks import ReadOnlyPolicy
from masthead.core.cache import ResilientRedisCache
from masthead.corrections.models import Correction
from masthead.corrections.permissions import AppendOnlyPermissionPolicy
from masthead.liveblogs.tests.factories import make_live_blog
from masthead.news.models import HomePage, InfoPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(paper):
    """A page of every type the paper has, each with a revision."""
    home = HomePage.objects.get()
    home.save_revision()
    section = paper["sections"]["britain"]
    about = home.add_child(instance=InfoPage(title="About the paper", slug="about"))
    about.save_revision().publish()
    found = [home, section, paper["articles"]["vote"], make_live_blog(section), about]
    assert {type(p) for p in found} == set(get_page_models()) - {Page}, "a page type is missing"
    return found


def wagtails(method: str, page, *args, **kwargs):
    """What Wagtail's own ``Page.<method>`` answers for ``page``."""
    return getattr(Page, method)(page, *args, **kwargs)


# Pages --------------------------------------------------------------------------------------


def test_view_restrictions_are_wagtails_queryset_with_wagtails_rows(pages):
    section = pages[1]
    for restricted in (False, True):
        for page in pages:
            ours = page.get_view_restrictions()
            assert isinstance(ours, QuerySet) and ours.model is PageViewRestriction
            assert set(ours) == set(wagtails("get_view_restrictions", page))
            under = restricted and page.path.startswith(section.path)
            assert ours.exists() == bool(ours) == under
            assert list(ours.order_by("-page__depth")) == list(ours)
            assert list(ours.filter(restriction_type=PageViewRestriction.LOGIN)) == list(ours)
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)


def test_copying_a_story_asks_its_destination_for_restrictions_as_wagtail_does(paper):
    # Wagtail's copy asks the destination ``get_view_restrictions().exists()``.
    story, world = paper["articles"]["vote"], paper["sections"]["world"]
    copy = story.copy(to=world, update_attrs={"slug": "copied-vote"}, keep_live=False)
    assert copy.get_parent().pk == world.pk


def test_site_root_paths_are_wagtails(pages, rf):
    request = rf.get("/")
    expected = Site.get_site_root_paths()
    for page in pages:
        ours = page._get_site_root_paths()
        assert ours == wagtails("_get_site_root_paths", Page.objects.get(pk=page.pk)) == expected
        assert all(isinstance(path, SiteRootPath) for path in ours)
        assert page._get_site_root_paths(request) == expected
        assert request._wagtail_cached_site_root_paths == expected  # kept where Wagtail keeps it
        assert page.get_url_parts() == wagtails("get_url_parts", Page.objects.get(pk=page.pk))


def test_serve_and_serve_preview_answer_with_a_response_wagtail_can_render(pages, rf):
    for page in pages:
        request = rf.get(page.url)
        request.user, request.session = AnonymousUser(), SessionStore()
        response = page.serve(request)
        assert isinstance(response, TemplateResponse) and not response.is_rendered
        assert response.render().status_code == 200
        preview = page.make_preview_request()
        assert preview.status_code == 200 and "private" in preview["Cache-Control"]
        assert "X-Masthead-Cache" not in preview


def test_get_context_keeps_what_wagtail_puts_in_it(pages, rf):
    request = rf.get("/")
    for page in pages[:2]:  # the front and a section add to it
        ours = page.get_context(request)
        assert isinstance(ours, dict)
        assert wagtails("get_context", page, request).items() <= ours.items()


def test_route_answers_as_wagtails_and_refuses_as_it_does(pages, rf):
    home, section = pages[0], pages[1]
    request = rf.get("/")
    found = home.route(request, [section.slug.upper()])
    assert isinstance(found, RouteResult) and found.page.pk == section.pk
    assert home.route(request, [section.slug]).page.pk == section.pk
    with pytest.raises(Http404):
        home.route(request, ["no-such-section"])


def test_full_clean_returns_nothing_and_raises_validation_errors(pages):
    for page in pages[1:]:
        page.slug = ""
        assert page.full_clean() is None and page.slug  # made from the headline
        page.title = ""
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert "title" in refused.value.message_dict


def test_with_content_json_gives_the_same_kind_of_page(pages):
    for page in pages:
        content = page.get_latest_revision().content
        ours = page.with_content_json(content)
        assert type(ours) is type(page) and ours.pk == page.pk
        assert ours.title == wagtails("with_content_json", page, content).title


# Permission policies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "model"),
    [(AppendOnlyPermissionPolicy, Correction), (ReadOnlyPolicy, PublicInterestUnlock)],
)
def test_a_policys_users_agree_with_what_it_lets_each_user_do(policy, model, db):
    policy = policy(model)
    users = [
        get_user_model().objects.create_superuser(email="admin@example.com", password="pw"),
        get_user_model().objects.create_user(email="editor@example.com", is_staff=True),
    ]
    users[1].groups.add(Group.objects.get(name="Editors"))
    for action in ("add", "change", "delete", "view"):
        allowed = set(policy.users_with_permission(action))
        assert isinstance(policy.users_with_permission(action), QuerySet)
        for user in users:
            assert (user in allowed) == policy.user_has_permission(user, action), (action, user)


# The cache ---------------------------------------------------------------------------------


def cache_session(cache) -> list:
    """Every method the Redis cache overrides, with the answers a caller sees."""
    expires = cache._cache.get_client().ttl  # seconds left; -1 when it never expires

    def expiring(key: str) -> bool:
        return expires(cache.make_and_validate_key(key)) > 0

    return [
        cache.set("n", 1),
        expiring("n"),  # after the cache's default timeout, as Django's set() does
        cache.get("n"),
        cache.incr("n", 2),  # stored unpickled, so it counts in Redis
        cache.set("d", {"a": [1, "b"]}),
        cache.get("d"),
        cache.get("missing"),
        cache.get("missing", "fallback"),
        cache.add("n", 9),
        cache.add("new", 0),
        expiring("new"),
        cache.get_many(["n", "d", "missing"]),
        cache.set_many({"x": b"bytes", "y": 2.5}),
        expiring("y"),
        cache.get_many(["x", "y"]),
        cache.touch("x", None),
        expiring("x"),
        cache.touch("x"),
        expiring("x"),
        cache.touch("missing"),
        cache.has_key("x"),
        cache.has_key("missing"),
        cache.get_or_set("z", 5),
        cache.delete("x"),
        cache.delete("x"),
        cache.delete_many(["y", "z", "n", "d", "new"]),
        cache.get_many(["y", "z"]),
    ]


def test_the_redis_cache_answers_as_djangos_does(redis_url):
    prefix = f"masthead-contract-{uuid4().hex}"
    ours = ResilientRedisCache(redis_url, {"KEY_PREFIX": f"{prefix}-ours"})
    djangos = RedisCache(redis_url, {"KEY_PREFIX": f"{prefix}-django"})
    assert cache_session(ours) == cache_session(djangos)
    client = ours._cache.get_client()
    assert client is ours._cache.get_client("any key")  # kept, not made per call
    assert isinstance(client, type(djangos._cache.get_client()))


def test_an_unreachable_redis_answers_as_a_cache_with_nothing_in_it():
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {})
    assert down.get("k") is None and down.get("k", "fallback") == "fallback"
    assert down.get_or_set("k", 3) == 3
    assert down.set("k", 1) is None and down.delete_many(["k"]) is None
    assert down.add("k", 1) is False and down.delete("k") is False
    assert down.touch("k") is False and down.has_key("k") is False
    assert down.get_many(["k"]) == {}
    assert down.set_many({"k": 1, "j": 2}) == ["k", "j"]  # the keys not stored, as Django says


# The embedded database and the middleware ---------------------------------------------------


def test_the_embedded_sqlite_commits_and_rolls_back_as_djangos_and_frees_the_writers(tmp_path):
    name = tmp_path / "paper.sqlite3"
    databases = {"default": {"ENGINE": "masthead.core.sqlite", "NAME": str(name)}}
    connection = ConnectionHandler(databases)["default"]  # its own, beside the test database
    lock = f"{name}.writer-lock"

    def lock_is_free() -> bool:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        finally:
            os.close(fd)

    connection.cursor().execute("CREATE TABLE t (x INTEGER)")
    for end, kept in (("commit", [(1,)]), ("rollback", [(1,)])):
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        connection.cursor().execute("INSERT INTO t VALUES (1)")
        assert not lock_is_free()  # the writer holds it for the transaction
        getattr(connection, end)()
        connection.set_autocommit(True)
        assert lock_is_free()
        assert connection.cursor().execute("SELECT x FROM t").fetchall() == kept
    connection.close()
    assert lock_is_free()


def test_masthead_middleware_hands_on_what_it_does_not_answer(settings, rf):
    answer = HttpResponse("from the view")
    for path in settings.MIDDLEWARE:
        if path.startswith("masthead."):
            middleware = import_string(path)(lambda request: answer)
            for request in (rf.post("/"), rf.get("/admin/"), rf.get("/?utm_source=x")):
                request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
                assert middleware(request) is answer, path
