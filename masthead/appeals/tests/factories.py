"""Appeals and donations for tests, made the way the admin and the payment providers make them."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from masthead.appeals.models import Campaign, Donation
from masthead.appeals.services import donation_record

_numbers = itertools.count(1)


def make_campaign(**overrides) -> Campaign:
    """A live appeal running now (validated as the admin validates it), unless told otherwise."""
    number = next(_numbers)
    now = timezone.now()
    fields = {
        "name": "The Winter Appeal",
        "slug": f"winter-appeal-{number}",
        "summary": "Keep the Lantern lit through the winter.",
        "story": "First paragraph of the story.\n\nSecond paragraph of the story.",
        "target_pence": 10_000 * 100,
        "starts_at": now - timedelta(days=1),
        "ends_at": now + timedelta(days=30),
        "suggested_amounts": "5,10,25,50",
        "live": True,
    }
    fields.update(overrides)
    campaign = Campaign(**fields)
    campaign.full_clean()
    campaign.save()
    return campaign


def give(
    campaign: Campaign,
    amount_pence: int,
    *,
    email: str | None = None,
    reference: str | None = None,
    monthly: bool = False,
    user_id: int | None = None,
    provider: str = "stripe",
) -> tuple[Donation, bool]:
    number = next(_numbers)
    return donation_record(
        campaign_id=campaign.pk,
        amount_pence=amount_pence,
        currency="GBP",
        monthly=monthly,
        email=email or f"donor{number}@example.org",
        user_id=user_id,
        provider=provider,
        reference=reference or f"pi_test_{number}",
    )
