"""The demo's appeal: running now, part-way to its target, the same on every load."""

import pytest
from django.utils import timezone

from masthead.appeals.demo import create_demo_appeal
from masthead.appeals.models import Donation
from masthead.appeals.selectors import appeal_progress, running_appeal

pytestmark = pytest.mark.django_db


def test_the_demo_appeal_runs_now_and_is_part_way_to_its_target(mailoutbox):
    now = timezone.now()
    campaign = create_demo_appeal(now=now)
    assert running_appeal() == campaign
    assert campaign.name == "The Lantern's 10th Birthday Appeal"
    assert len([p for p in campaign.story.split("\n\n") if p.strip()]) == 3
    assert campaign.suggested_pounds == [5, 10, 25, 50]
    progress = appeal_progress(campaign)
    assert (progress.raised_pence, progress.target_pence) == (31_000 * 100, 50_000 * 100)
    assert (progress.percent, progress.supporters) == (62, 120)
    assert Donation.objects.filter(provider="demo", reference="demo-seed-042").exists()
    assert Donation.objects.filter(email="supporter042@example.com").exists()
    # Seeded history: nobody gets a receipt, and the gifts are spread over the appeal so far.
    assert mailoutbox == []
    moments = list(Donation.objects.order_by("created_at").values_list("created_at", flat=True))
    assert moments[0] >= campaign.starts_at and moments[-1] <= now
    assert moments[-1] - moments[0] > (now - campaign.starts_at) / 2


def test_loading_the_demo_appeal_twice_changes_nothing():
    now = timezone.now()
    first = create_demo_appeal(now=now)
    again = create_demo_appeal(now=now)
    assert again.pk == first.pk
    assert Donation.objects.count() == 120
