"""The Business group runs appeals in the admin; each save is a revision; bad values are refused."""

import pytest
from django.contrib.auth.models import Group

from masthead.appeals.models import Campaign
from masthead.appeals.tests.factories import give, make_campaign
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/appeals/campaign/add/"
INDEX_URL = "/admin/snippets/appeals/campaign/"


def sign_in(client, email: str, group: str):
    user = make_reader(email, staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.login(email=email, password=PASSWORD)
    return user


def form(**overrides) -> dict:
    data = {
        "name": "The Winter Appeal",
        "slug": "winter-appeal",
        "summary": "Keep the Lantern lit through the winter.",
        "button": "Keep it lit",
        "story": "Why we ask.\n\nWhat your money pays for.",
        "target_pence": "5000000",
        "currency": "GBP",
        "starts_at": "2026-12-01 09:00",
        "ends_at": "2027-01-31 18:00",
        "suggested_amounts": "5,10,25,50",
        "live": "on",
    }
    data.update(overrides)
    return data


def test_the_business_group_creates_and_edits_an_appeal_and_the_history_keeps_each_version(client):
    sign_in(client, "publisher@example.org", "Business")
    assert client.get(INDEX_URL).status_code == 200
    response = client.post(ADD_URL, form())
    assert response.status_code == 302, response.content[:2000]
    campaign = Campaign.objects.get(slug="winter-appeal")
    assert (campaign.target_pence, campaign.suggested_pounds, campaign.live, campaign.button) == (
        5_000_000,
        [5, 10, 25, 50],
        True,
        "Keep it lit",
    )
    response = client.post(
        f"/admin/snippets/appeals/campaign/edit/{campaign.pk}/", form(target_pence="6000000")
    )
    assert response.status_code == 302, response.content[:2000]
    campaign.refresh_from_db()
    assert campaign.target_pence == 6_000_000
    assert campaign.revisions.count() == 2


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"ends_at": "2026-11-30 09:00"}, "The appeal must end after it starts."),
        ({"suggested_amounts": "5,ten"}, "is not a whole number of pounds"),
        ({"currency": "EUR"}, "EUR"),
        ({"target_pence": "0"}, "greater than or equal to 100"),
    ],
)
def test_a_bad_appeal_is_refused_with_a_message_and_nothing_is_saved(client, overrides, message):
    sign_in(client, "publisher@example.org", "Business")
    response = client.post(ADD_URL, form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Campaign.objects.exists()


def test_the_appeals_list_shows_what_each_appeal_has_raised(client):
    sign_in(client, "publisher@example.org", "Business")
    appeal = make_campaign(name="The Winter Appeal")
    give(appeal, 125_000, email="a@example.org")
    give(appeal, 250, email="b@example.org")
    page = client.get(INDEX_URL).content.decode()
    assert "The Winter Appeal" in page
    assert "£1,252.50" in page


def test_writers_cannot_touch_appeals(client):
    sign_in(client, "writer@example.org", "Writers")
    response = client.post(ADD_URL, form())
    assert response.status_code in (302, 403)
    assert not Campaign.objects.exists()
