"""No test of the asks is open to readers, subscribers or writers: each address refuses and shows
no figure, and the end button does nothing for them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from masthead.appeals.models import Campaign
from masthead.appeals.tests.factories import make_campaign
from masthead.experiments.models import Experiment, ExposedReader
from masthead.experiments.tests.test_admin import decided, make_experiment, staff_in
from masthead.experiments.tests.test_ending import exposed
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

SECRET_NAME = "Appeal words nobody outside may see"


def who(name: str):
    if name == "anonymous":
        return None
    if name == "reader":
        return make_reader("reader@example.org")
    if name == "subscriber":
        return make_reader("subscriber@example.org", subscription="active")
    writer = make_reader("writer@example.org", staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    return writer


@pytest.mark.parametrize("name", ["anonymous", "reader", "subscriber", "writer"])
def test_readers_and_writers_are_refused_every_address_of_the_tests(client, name):
    appeal = make_campaign()
    experiment = decided(make_experiment())
    Experiment.objects.filter(pk=experiment.pk).update(name=SECRET_NAME)
    exposed(experiment)
    user = who(name)
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)
    addresses = [
        "/admin/experiments/",
        f"/admin/experiments/{experiment.pk}/results/",
        f"/admin/experiments/edit/{experiment.pk}/",
        "/admin/experiments/add/",
        "/admin/analytics/",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (302, 403), (name, address, response.status_code)
        body = response.content.decode()
        assert SECRET_NAME not in body and "2,000" not in body, (name, address)

    response = client.post(f"/admin/experiments/{experiment.pk}/end/", {"winner": "B"})
    assert response.status_code in (302, 403)
    after = Experiment.objects.get(pk=experiment.pk)
    assert after.running and after.winner == ""
    assert ExposedReader.objects.filter(experiment=experiment).count() == 3
    assert Campaign.objects.get(pk=appeal.pk).summary == appeal.summary

    response = client.post(
        "/admin/experiments/add/",
        {"name": "Sneaked in", "slug": "sneaked", "ask": "offer", "measure": "signup"},
    )
    assert response.status_code in (302, 403)
    assert not Experiment.objects.filter(slug="sneaked").exists()


def test_the_menu_shows_the_tests_to_business_and_editors_and_not_to_writers(client):
    for group in ("Business", "Editors", "Writers"):
        staff_in(group, f"{group.lower()}@example.org")
    for group, shown in (("Business", True), ("Editors", True), ("Writers", False)):
        client.login(email=f"{group.lower()}@example.org", password=PASSWORD)
        assert ('"/admin/experiments/"' in client.get("/admin/").content.decode()) is shown, group
    # Editors may look at the tests, not start or end one.
    experiment = decided(make_experiment())
    client.login(email="editors@example.org", password=PASSWORD)
    assert client.get("/admin/experiments/").status_code == 200
    assert client.get(f"/admin/experiments/{experiment.pk}/results/").status_code == 200
    assert client.get("/admin/experiments/add/").status_code == 302
    client.post(f"/admin/experiments/{experiment.pk}/end/", {"winner": "B"})
    assert Experiment.objects.get(pk=experiment.pk).running
