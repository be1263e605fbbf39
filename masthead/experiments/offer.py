"""Which copy of the wall's offer a reader in a test sees, counted as it is shown.

The offer is the access service's piece (``paywall.offer_copy``), filled as
each page is sent, so kept pages stay shared and serve every variant, as the
appeal banner does. A reader in the holdout is counted and sees the paper's
own offer: an offer cannot be hidden, the reader must still be able to
subscribe. The newsroom and search engines are never in the test.
"""

from __future__ import annotations

from masthead.core.kept import kept_until_changed
from masthead.experiments.asking import (
    TAG,
    identity_of,
    not_a_reader,
    running_tests,
    sightings,
    test_digest,
)
from masthead.experiments.assignment import variant_for
from masthead.experiments.models import Experiment, Variant
from masthead.paywall.extensions import OfferCopy


@kept_until_changed(TAG, "rules")
def offer_copies() -> dict[str, OfferCopy]:
    """The running offer test's copies by variant name, read once per change to any test."""
    copies = {}
    running = Variant.objects.filter(
        experiment__ask=Experiment.Ask.OFFER, experiment__status=Experiment.Status.RUNNING
    ).select_related("experiment", "first_plan")
    for variant in running:
        plan = variant.first_plan
        copies[variant.name] = OfferCopy(
            variant=f"{variant.experiment.slug}:{variant.name}",
            text=variant.text,
            button=variant.button,
            first_plan=plan.pk if plan is not None and plan.active else None,
            suggested_pence=variant.suggested_pence,
        )
    return copies


def offer_copy(request, access) -> OfferCopy | None:
    """The wall offer's copy for this reader (``paywall.extensions.offer_copies``).

    None (the paper's own offer) without a test, for the newsroom and search
    engines, and for the holdout, whose sighting is still counted.
    """
    test = running_tests().get(Experiment.Ask.OFFER)
    if test is None or not_a_reader(request, access):
        return None
    identity = identity_of(request, access)
    variant = variant_for(identity, test.slug, test.shares)
    sightings.note(test, variant, test_digest(identity, test.slug))
    return offer_copies().get(variant)


def offer_tested() -> bool:
    """Whether the wall's offer differs from reader to reader now."""
    return Experiment.Ask.OFFER in running_tests()


def winner_becomes_the_offer(winner: Variant, *, by_user) -> None:
    """Ending a test of the offer: the winner's words, plan and gift become the paper's own."""
    from masthead.subscriptions.services import wall_offer_set

    wall_offer_set(
        text=winner.text,
        button=winner.button,
        first_plan_id=winner.first_plan_id,
        suggested_pence=winner.suggested_pence,
        by_user=by_user,
    )
