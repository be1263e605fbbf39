"""The business group edits the metering rules in the admin; each save is a revision; it applies at once."""

import pytest
from django.contrib.auth.models import Group

from masthead.news.tests.factories import make_article
from masthead.paywall.models import MeterSettings
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client):
    user = make_reader("publisher@example.org", staff=True)
    user.groups.add(Group.objects.get(name="Business"))
    client.login(email="publisher@example.org", password=PASSWORD)
    return user


def test_the_business_group_edits_the_rules_and_the_history_keeps_every_version(
    client, publisher, paper
):
    rules = MeterSettings.objects.get()
    url = f"/admin/snippets/paywall/metersettings/edit/{rules.pk}/"
    assert client.get(url).status_code == 200
    for limit in (3, 4):
        response = client.post(
            url, {"anonymous_limit": limit, "registered_limit": 8, "teaser_paragraphs": 1}
        )
        assert response.status_code == 302, response.content[:500]
    rules.refresh_from_db()
    assert (rules.anonymous_limit, rules.registered_limit, rules.teaser_paragraphs) == (4, 8, 1)
    assert rules.revisions.count() == 2
    assert (
        client.get(f"/admin/snippets/paywall/metersettings/history/{rules.pk}/").status_code == 200
    )


def test_bad_rules_are_refused_with_a_message_and_nothing_changes(client, publisher, paper):
    rules = MeterSettings.objects.get()
    url = f"/admin/snippets/paywall/metersettings/edit/{rules.pk}/"
    response = client.post(
        url, {"anonymous_limit": -1, "registered_limit": "ten", "teaser_paragraphs": 99}
    )
    assert response.status_code == 200
    assert b"error" in response.content.lower()
    rules.refresh_from_db()
    assert (rules.anonymous_limit, rules.registered_limit, rules.teaser_paragraphs) == (5, 10, 2)


def test_a_new_limit_applies_on_the_next_request(client, publisher, paper):
    rules = MeterSettings.objects.get()
    client.post(
        f"/admin/snippets/paywall/metersettings/edit/{rules.pk}/",
        {"anonymous_limit": 1, "registered_limit": 10, "teaser_paragraphs": 2},
    )
    client.post("/accounts/logout/")
    reader = client.__class__()
    first, second = paper["articles"]["vote"], paper["articles"]["floods"]
    assert b"You have read 1 of 1" in reader.get(first.url).content
    assert b'class="offer"' in reader.get(second.url).content


def test_writers_cannot_change_the_rules(client, paper):
    user = make_reader("writer@example.org", staff=True)
    user.groups.add(Group.objects.get(name="Writers"))
    client.login(email="writer@example.org", password=PASSWORD)
    rules = MeterSettings.objects.get()
    response = client.post(
        f"/admin/snippets/paywall/metersettings/edit/{rules.pk}/",
        {"anonymous_limit": 100, "registered_limit": 100, "teaser_paragraphs": 2},
    )
    assert response.status_code in (302, 403)
    rules.refresh_from_db()
    assert rules.anonymous_limit == 5


def test_a_redis_cache_outage_is_not_a_500(client, paper, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "masthead.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    from django.core.cache import cache

    assert cache.get("anything", "missed") == "missed"  # the cache really is down
    article = make_article(paper["sections"]["world"])
    assert client.get(article.url).status_code == 200
    assert client.get("/").status_code == 200


# One set of rules: the menu opens its form ---------------------------------------------------

LISTING = "/admin/snippets/paywall/metersettings/"


def test_the_menu_opens_the_rules_form_not_a_list_of_one(client, publisher, paper):
    from wagtail.admin.menu import settings_menu

    rules = MeterSettings.objects.get()
    request = client.get("/admin/").wsgi_request
    [item] = [
        i for i in settings_menu.menu_items_for_request(request) if i.name == "metering-rules"
    ]
    response = client.get(item.url, follow=True)
    assert response.redirect_chain[-1][0] == f"{LISTING}edit/{rules.pk}/"
    page = response.content.decode()
    assert 'name="anonymous_limit"' in page and 'value="5"' in page


def test_with_no_rules_saved_the_form_opens_on_the_defaults(client, publisher, paper):
    MeterSettings.objects.all().delete()
    page = client.get(LISTING, follow=True).content.decode()
    assert 'name="registered_limit"' in page and 'value="10"' in page
    assert MeterSettings.objects.count() == 1


def test_nobody_adds_a_second_set_of_rules_or_deletes_the_one(client, paper):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser(email="chief@example.org", password=PASSWORD)
    client.login(email="chief@example.org", password=PASSWORD)
    rules = MeterSettings.objects.get()
    form = {"anonymous_limit": 1, "registered_limit": 1, "teaser_paragraphs": 1}
    assert client.post(f"{LISTING}add/", form).status_code in (302, 403)
    assert client.post(f"{LISTING}delete/{rules.pk}/").status_code in (302, 403)
    assert list(MeterSettings.objects.values_list("pk", flat=True)) == [rules.pk]
    assert f"{LISTING}delete/" not in client.get(f"{LISTING}edit/{rules.pk}/").content.decode()


def test_the_rules_policy_names_the_users_it_lets_act(paper):
    from django.contrib.auth import get_user_model

    from masthead.paywall.wagtail_hooks import OneSetPermissionPolicy

    policy = OneSetPermissionPolicy(MeterSettings)
    chief = get_user_model().objects.create_superuser(email="chief@example.org", password="pw")
    publisher = make_reader("publisher@example.org", staff=True)
    publisher.groups.add(Group.objects.get(name="Business"))
    for action in ("add", "change", "delete", "view"):
        allowed = set(policy.users_with_permission(action))
        for user in (chief, publisher):
            assert (user in allowed) == policy.user_has_permission(user, action), (action, user)
    assert policy.user_has_permission(publisher, "change")
    assert not policy.user_has_permission(chief, "delete")
