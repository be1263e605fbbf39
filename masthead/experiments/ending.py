"""Ending a test of the asks: the better variant becomes the ask's own copy.

Which variants may win is read from the verdict: a variant beaten by another
is out, and when one variant is left it is the winner. When the verdict has
not decided (keep running, or no difference worth finding), the editor picks
among those left, and the page says plainly that the evidence did not choose.

Ending keeps the record (the daily exposures, the conversions, each day's
look, and the verdict, method and winner as they stood at the end) and
forgets who was in the test: the exposed readers' digests are deleted, since
nothing needs them once no reader is assigned any more.

For the appeal banner, the running appeal's summary and button become the
winner's words and button; for the newsletter prompt, the prompted letter's
prompt words and button; for the wall's offer, the paper's own offer takes
the winner's words, button, plan shown first and suggested gift.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from masthead.appeals.selectors import running_appeal
from masthead.experiments import results, statistics
from masthead.experiments.models import HOLDOUT, Experiment, ExposedReader
from masthead.experiments.offer import winner_becomes_the_offer
from masthead.newsletters.services import prompt_words_set

PERMISSION = "experiments.change_experiment"


def candidates(experiment: Experiment, comparison=None) -> list[str]:
    """The variants the verdict has not ruled out, in the test's order.

    One name: the verdict has chosen it. More: the editor chooses among them.
    """
    names = [variant.name for variant in experiment.variants.all()]
    if comparison is None:
        return names
    beaten = set()
    for challenger, verdict in comparison.verdicts.items():
        if verdict.decision != statistics.BEATS:
            continue
        beaten.add(comparison.control if verdict.winner == challenger else challenger)
    return [name for name in names if name not in beaten] or names


def end_test(experiment: Experiment, winner_name: str, *, by_user) -> Experiment:
    """End a running test with ``winner_name`` as the ask's copy; an ended test is left as it is.

    Raises PermissionDenied unless ``by_user`` may change tests, and
    ValueError when the winner is not a variant the verdict leaves in.
    """
    if by_user is None or not by_user.has_perm(PERMISSION):
        raise PermissionDenied("Only the Business group can end a test.")
    with transaction.atomic():
        experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
        if not experiment.running:
            return experiment
        comparison = results.comparison(experiment)
        allowed = candidates(experiment, comparison)
        if winner_name == HOLDOUT or winner_name not in allowed:
            raise ValueError(
                f"“{winner_name}” cannot win this test; it can be ended with "
                + " or ".join(f"“{name}”" for name in allowed)
                + "."
            )
        winner = experiment.variants.get(name=winner_name)
        experiment.status = Experiment.Status.ENDED
        experiment.ended_at = timezone.now()
        experiment.winner = winner.name
        experiment.verdict = (comparison.text if comparison else "")[:200]
        experiment.method = (comparison.method if comparison else "")[:300]
        experiment.save(update_fields=["status", "ended_at", "winner", "verdict", "method"])
        ExposedReader.objects.filter(experiment=experiment).delete()
        log(
            experiment,
            "experiments.end",
            user=by_user,
            data={"winner": experiment.winner, "verdict": experiment.verdict},
        )
        if experiment.ask == Experiment.Ask.APPEAL:
            appeal = running_appeal()
            if appeal is not None:
                appeal.summary, appeal.button = winner.text, winner.button
                changed = ("summary", "button")
                others = [field.name for field in appeal._meta.fields if field.name not in changed]
                appeal.clean_fields(exclude=others)
                appeal.save()
        if experiment.ask == Experiment.Ask.OFFER:
            winner_becomes_the_offer(winner, by_user=by_user)
        if experiment.ask == Experiment.Ask.NEWSLETTER:
            prompt_words_set(text=winner.text, button=winner.button)
    return experiment
