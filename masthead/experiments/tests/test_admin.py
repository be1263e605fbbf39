"""Tests of the asks in the admin: the Business group makes them, the form refuses what cannot run,
and the results page shows the figures and the verdict with its method."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from masthead.experiments.models import Experiment, ExposedConversion, Exposures, Look, Variant
from masthead.paywall.tests.factories import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

ADD = "/admin/experiments/add/"
LISTING = "/admin/experiments/"


def staff_in(group: str, email: str):
    user = make_reader(email, staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(client, group: str, email: str = "staff@example.org"):
    user = staff_in(group, email)
    client.login(email=email, password=PASSWORD)
    return user


def make_experiment(
    slug: str = "appeal-words", ask: str = "appeal", names=("A", "B"), holdout: int = 0
) -> Experiment:
    experiment = Experiment.objects.create(
        name=f"Test {slug}", slug=slug, ask=ask, measure="donation", holdout_share=holdout
    )
    for order, name in enumerate(names):
        Variant.objects.create(
            experiment=experiment,
            name=name,
            share=50,
            text=f"The words of {name}: keep the Lantern lit.",
            button="Give now",
            sort_order=order,
        )
    return experiment


def record(experiment: Experiment, variant: str, *, readers: int, shown: int, converted: int):
    """A day of exposures yesterday, and ``converted`` donations of £5 by those readers."""
    day = timezone.localdate() - timedelta(days=1)
    Exposures.objects.create(
        experiment=experiment, variant=variant, day=day, shown=shown, new_readers=readers
    )
    ExposedConversion.objects.bulk_create(
        ExposedConversion(
            experiment=experiment,
            variant=variant,
            kind="donation",
            revenue_pence=500,
            at=timezone.now() - timedelta(hours=3),
            reference=f"donation:{variant}:{number}",
        )
        for number in range(converted)
    )


def decided(experiment: Experiment) -> Experiment:
    """B well ahead of A: 2,000 readers each, 40 against 120 donations; a look from yesterday."""
    record(experiment, "A", readers=2000, shown=3100, converted=40)
    record(experiment, "B", readers=2000, shown=3050, converted=120)
    Look.objects.create(
        experiment=experiment,
        day=timezone.localdate() - timedelta(days=1),
        variant="B",
        p_value=0.2,
        low=-0.5,
        high=0.5,
        relative_low=-0.9,
        relative_high=9.0,
        text="Keep running",
    )
    return experiment


def variant(name: str, share: int = 50, text: str | None = None) -> dict:
    return {
        "name": name,
        "share": share,
        "text": text if text is not None else f"Words of {name}",
        "button": "Support us",
    }


def form_data(variants, **fields) -> dict:
    data = {
        "name": "Appeal: the reporter's words",
        "slug": "reporters-words",
        "ask": "appeal",
        "measure": "donation",
        "holdout_share": "10",
        **fields,
    }
    data["variants"] = inline_formset(variants, min=2, max=4)
    return nested_form_data(data)


def test_business_makes_a_test_with_two_variants_and_sees_it_listed(client):
    log_in(client, "Business")
    response = client.post(ADD, form_data([variant("A", 60), variant("B", 40)]))
    assert response.status_code == 302, response.content.decode()[:3000]
    experiment = Experiment.objects.get(slug="reporters-words")
    assert experiment.running and experiment.holdout_share == 10
    assert [(v.name, v.share) for v in experiment.variants.all()] == [("A", 60), ("B", 40)]
    listing = client.get(LISTING).content.decode()
    assert "Tests of the asks" in listing and "Start a test" in listing
    assert (
        "Appeal: the reporter&#x27;s words" in listing or "Appeal: the reporter's words" in listing
    )
    assert f'href="/admin/experiments/{experiment.pk}/results/"' in listing


@pytest.mark.parametrize(
    "variants, fields, message",
    [
        ([variant("A")], {}, "A test needs 2 to 4 variants; this one has 1."),
        ([variant(name) for name in "ABCDE"], {}, "A test needs 2 to 4 variants; this one has 5."),
        ([variant("A"), variant("a")], {}, "Variant names must differ: “a” is used twice."),
        ([variant("A"), variant("B", 0)], {}, "Every variant needs a share of more than 0"),
        ([variant("A"), variant("B")], {"holdout_share": "60"}, "at most 50 % of readers"),
        (
            [variant("A"), variant("B", text="x" * 201)],
            {},
            "words are at most 200 characters (the appeal&#x27;s summary)",
        ),
    ],
)
def test_a_test_that_cannot_run_is_refused_with_a_clear_message(client, variants, fields, message):
    log_in(client, "Business")
    response = client.post(ADD, form_data(variants, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Experiment.objects.exists() and not Variant.objects.exists()


def test_a_second_running_test_of_the_same_ask_is_refused(client):
    make_experiment("already-running", ask="appeal")
    log_in(client, "Business")
    response = client.post(ADD, form_data([variant("A"), variant("B")]))
    assert response.status_code == 200
    assert (
        "“Test already-running” is already testing the appeal banner" in response.content.decode()
    )
    assert list(Experiment.objects.values_list("slug", flat=True)) == ["already-running"]
    # Another ask is free to be tested at the same time.
    response = client.post(ADD, form_data([variant("A"), variant("B")], ask="newsletter"))
    assert response.status_code == 302
    assert Experiment.objects.filter(ask="newsletter", status="running").count() == 1


def test_a_running_tests_ask_and_shares_cannot_be_changed(client):
    experiment = make_experiment()
    a, b = experiment.variants.all()
    log_in(client, "Business")
    edit = f"/admin/experiments/edit/{experiment.pk}/"
    page = client.get(edit).content.decode()
    assert "would move readers from one variant to another" in page
    data = nested_form_data(
        {
            "name": "Renamed",
            "slug": "moved",
            "ask": "offer",
            "measure": "donation",
            "holdout_share": "30",
            "variants": inline_formset(
                [
                    {"id": a.pk, **variant("A", 90, text="Corrected words")},
                    {"id": b.pk, **variant("Z", 10)},
                ],
                initial=2,
                min=2,
                max=4,
            ),
        }
    )
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    experiment.refresh_from_db()
    assert (experiment.name, experiment.slug, experiment.ask, experiment.holdout_share) == (
        "Renamed",
        "appeal-words",
        "appeal",
        0,
    )
    assert [(v.name, v.share, v.text) for v in experiment.variants.all()] == [
        ("A", 50, "Corrected words"),
        ("B", 50, "Words of Z"),  # the words may be corrected; the name stays
    ]
    # Adding a third variant halfway through is refused, with the reason.
    data = nested_form_data(
        {
            "name": "Renamed",
            "measure": "donation",
            "variants": inline_formset(
                [{"id": a.pk, **variant("A")}, {"id": b.pk, **variant("B")}, variant("C")],
                initial=2,
                min=2,
                max=4,
            ),
        }
    )
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "its variants cannot be added or removed" in response.content.decode()
    assert experiment.variants.count() == 2


def test_the_results_page_shows_readers_exposures_verdict_and_method(client):
    experiment = decided(make_experiment())
    log_in(client, "Editors")
    page = client.get(f"/admin/experiments/{experiment.pk}/results/").content.decode()
    assert "<td>2,000</td><td>3,100</td><td>40</td><td>2.0 %</td>" in page
    assert "<td>2,000</td><td>3,050</td><td>120</td><td>6.0 %</td>" in page
    assert "£600.00" in page  # B's 120 donations of £5
    assert 'id="experiment-verdict"' in page and "B beats A by" in page
    assert "mSPRT" in page and "τ² = 0.0001" in page and "α = 0.05" in page
    assert "B against A" in page and "+4.0 points" in page
    # Yesterday's look, and today's, taken as the page was read.
    assert Look.objects.filter(experiment=experiment).count() == 2
    assert page.count("Keep running") == 1
    assert "<td>Keep running</td><td>0.200</td>" in page
    assert "<td>&lt; 0.001</td>" in page  # today's p-value, in the difference and the look
    # Editors may look, not end.
    assert "End the test" not in page


def test_a_test_of_the_same_ask_started_meanwhile_is_a_clear_error(client, monkeypatch):
    from masthead.experiments.forms import ExperimentForm

    make_experiment("started-meanwhile", ask="appeal")
    # As if the other test had been saved between this form's check and its save.
    monkeypatch.setattr(ExperimentForm, "running_test_of", staticmethod(lambda ask: None))
    log_in(client, "Business")
    response = client.post(ADD, form_data([variant("A"), variant("B")]))
    assert response.status_code == 200
    assert "Another test of this ask was started a moment ago" in response.content.decode()
    assert list(Experiment.objects.values_list("slug", flat=True)) == ["started-meanwhile"]
