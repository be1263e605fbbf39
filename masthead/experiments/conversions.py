"""A conversion counts for a test when its reader first saw the test's ask within seven days.

Heard from the reader analytics (a ``Conversion`` row created): the reader is
known by the conversion's account and by the request that made it (their
browser's meter cookie), the same identities the ask was shown to.
"""

from __future__ import annotations

from datetime import timedelta

from masthead.analytics.attribution import current_request, identities_for
from masthead.experiments.asking import running_tests, sightings, test_digest
from masthead.experiments.models import CONVERSION_DAYS, ExposedConversion, ExposedReader


def conversion_made(sender, instance, created, **kwargs) -> None:
    if not created:
        return
    tests = running_tests()
    if not tests:
        return
    identities = identities_for(instance.user_id, current_request.get())
    if not identities:
        return
    sightings.flush()  # this process's latest sightings first
    since = instance.at - timedelta(days=CONVERSION_DAYS)
    for test in tests.values():
        digests = [test_digest(identity, test.slug) for identity in identities]
        reader = (
            ExposedReader.objects.filter(
                experiment_id=test.id,
                digest__in=digests,
                first_seen__gte=since,
                first_seen__lte=instance.at,
            )
            .order_by("first_seen")
            .first()
        )
        if reader is None:
            continue
        ExposedConversion.objects.get_or_create(
            experiment_id=test.id,
            reference=instance.reference,
            defaults={
                "variant": reader.variant,
                "kind": instance.kind,
                "revenue_pence": instance.revenue_pence,
                "at": instance.at,
            },
        )
