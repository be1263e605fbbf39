"""Ending a test: the winner becomes the ask's copy, the record stays, the readers' digests go."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.appeals.banner import banner_html
from masthead.appeals.models import Campaign
from masthead.appeals.tests.factories import make_campaign
from masthead.experiments.ending import end_test
from masthead.experiments.models import Experiment, ExposedConversion, ExposedReader, Look
from masthead.experiments.tests.test_admin import (
    decided,
    log_in,
    make_experiment,
    record,
    staff_in,
)

pytestmark = pytest.mark.django_db


def exposed(experiment: Experiment, count: int = 3) -> None:
    ExposedReader.objects.bulk_create(
        ExposedReader(
            experiment=experiment, digest=f"{number:016x}", variant="A", first_seen=timezone.now()
        )
        for number in range(count)
    )


def test_ending_by_post_makes_the_appeals_summary_the_winners_words(client):
    appeal = make_campaign()
    experiment = decided(make_experiment())
    exposed(experiment)
    log_in(client, "Business")
    results = f"/admin/experiments/{experiment.pk}/results/"
    page = client.get(results).content.decode()
    assert "End the test and use B" in page
    conversions = ExposedConversion.objects.filter(experiment=experiment).count()

    response = client.post(f"/admin/experiments/{experiment.pk}/end/", {"winner": "B"})
    assert response.status_code == 302 and response["Location"] == results

    experiment.refresh_from_db()
    appeal.refresh_from_db()
    assert experiment.status == "ended" and experiment.ended_at is not None
    assert experiment.winner == "B"
    assert experiment.verdict.startswith("B beats A by")
    assert experiment.method.startswith("mSPRT")
    assert appeal.summary == "The words of B: keep the Lantern lit."
    assert appeal.button == "Give now"  # the winner's button label too
    assert ">Give now</a>" in banner_html()
    assert not ExposedReader.objects.filter(experiment=experiment).exists()
    assert ExposedConversion.objects.filter(experiment=experiment).count() == conversions
    assert Look.objects.filter(experiment=experiment).count() == 2

    page = client.get(results).content.decode()
    assert "The verdict at the end" in page and experiment.verdict in page
    assert "Ended with <strong>B</strong>" in page and experiment.method in page
    assert "End the test" not in page
    history = client.get(f"/admin/experiments/history/{experiment.pk}/").content.decode()
    assert f"Ended the test with B: {experiment.verdict}" in history

    # A second POST, even for the other variant, changes nothing.
    looks = list(Look.objects.filter(experiment=experiment).values_list("day", "variant", "text"))
    response = client.post(f"/admin/experiments/{experiment.pk}/end/", {"winner": "A"})
    assert response.status_code == 302
    ended = Experiment.objects.get(pk=experiment.pk)
    assert (ended.winner, ended.ended_at, ended.verdict) == (
        "B",
        experiment.ended_at,
        experiment.verdict,
    )
    assert Campaign.objects.get(pk=appeal.pk).summary == appeal.summary
    assert (
        list(Look.objects.filter(experiment=experiment).values_list("day", "variant", "text"))
        == looks
    )


def test_a_get_of_the_end_address_changes_nothing(client):
    appeal = make_campaign()
    experiment = decided(make_experiment())
    exposed(experiment)
    log_in(client, "Business")
    response = client.get(f"/admin/experiments/{experiment.pk}/end/?winner=B")
    assert response.status_code == 405
    assert Experiment.objects.get(pk=experiment.pk).running
    assert ExposedReader.objects.filter(experiment=experiment).count() == 3
    assert Campaign.objects.get(pk=appeal.pk).summary == appeal.summary


def test_the_loser_cannot_be_made_the_copy_when_the_verdict_has_chosen():
    experiment = decided(make_experiment())
    with pytest.raises(ValueError, match="it can be ended with “B”"):
        end_test(experiment, "A", by_user=staff_in("Business", "b@example.org"))
    assert Experiment.objects.get(pk=experiment.pk).running


def test_without_a_verdict_the_editor_picks_and_is_warned(client):
    experiment = make_experiment(ask="newsletter")
    record(experiment, "A", readers=50, shown=60, converted=2)
    record(experiment, "B", readers=50, shown=61, converted=3)
    log_in(client, "Business")
    page = client.get(f"/admin/experiments/{experiment.pk}/results/").content.decode()
    assert "Keep running" in page
    assert "the evidence does not say it is better" in page
    assert 'value="A"' in page and 'value="B"' in page
    client.post(f"/admin/experiments/{experiment.pk}/end/", {"winner": "A"})
    experiment.refresh_from_db()
    # The newsletter prompt's winner is recorded, for its default to use.
    assert (experiment.status, experiment.winner, experiment.verdict) == (
        "ended",
        "A",
        "Keep running",
    )


def test_only_those_who_may_change_tests_can_end_one():
    experiment = decided(make_experiment())
    with pytest.raises(PermissionDenied):
        end_test(experiment, "B", by_user=staff_in("Editors", "e@example.org"))
    assert Experiment.objects.get(pk=experiment.pk).running
