"""Which copy of a running test of the newsletter prompt a reader sees (``newsletters.extensions``).

The same choice as the appeal's (``asking.appeal_copy``): the reader's meter
identity picks the variant, the same on every story, counted as it is shown.
"""

from __future__ import annotations

from masthead.experiments.asking import (
    identity_of,
    not_a_reader,
    running_tests,
    sightings,
    test_digest,
)
from masthead.experiments.assignment import variant_for
from masthead.experiments.models import Experiment
from masthead.newsletters.extensions import PromptCopy


def newsletter_copy(request, access) -> PromptCopy | None:
    """The prompt's words and button for this reader; hidden for the holdout."""
    test = running_tests().get(Experiment.Ask.NEWSLETTER)
    if test is None or not_a_reader(request, access):
        return None
    identity = identity_of(request, access)
    variant = variant_for(identity, test.slug, test.shares)
    sightings.note(test, variant, test_digest(identity, test.slug))
    copy = test.copies.get(variant)
    if copy is None:
        return None
    return PromptCopy(variant=copy.variant, text=copy.text, button=copy.button, hidden=copy.hidden)


def newsletter_tested() -> bool:
    """Whether the prompt differs from reader to reader now."""
    return Experiment.Ask.NEWSLETTER in running_tests()
