"""The demo paper's appeal: The Lantern's 10th Birthday Appeal, part-way to its target.

Built through ``donation_record`` like real donations, with a fixed pattern of
amounts and addresses, so every demo shows the same figures: 120 donations,
£31,000 raised of £50,000 (62%). Calling it again changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from masthead.appeals.models import Campaign
from masthead.appeals.services import donation_record

SLUG = "lanterns-10th-birthday"
NAME = "The Lantern's 10th Birthday Appeal"
SUMMARY = (
    "Ten years ago our readers paid for the first edition. Help us pay for the next ten years "
    "of independent reporting."
)
STORY = """\
Ten years ago The Daily Lantern was four reporters, a borrowed office above a bakery on Quay \
Street and a list of two thousand readers who had each paid for a year of a newspaper that did \
not yet exist. They asked for one thing in return: that we would answer to them and to nobody \
else. No owner with other interests to protect, no advertiser who could pull a campaign when a \
story came too close.

That promise has cost money every single year. It paid for the eleven weeks our courts reporter \
spent in the back row of the Ardmouth inquiry, for the freedom of information requests that took \
fourteen months to come back, and for the lawyer who read every line of our investigation into \
the housing association before it went to print. None of that work earns a penny on the day it \
is published. All of it matters years later.

For our tenth birthday we are asking readers for £50,000: enough to hire a second local \
democracy reporter for three years and to keep every story on this site free to read for anyone \
who cannot pay. If you can give once, thank you. If you can give a little every month, you make \
it possible for us to plan. Either way, the Lantern stays lit because you keep it lit.
"""

# 96 gifts of the suggested kind, 18 larger ones and 6 from the readers who gave the most.
SMALL_POUNDS = (5, 10, 25, 50, 10, 25, 100, 25)  # repeated 12 times: £3,000
MEDIUM_POUNDS = (250, 500, 1000)  # repeated 6 times: £10,500
LARGE_POUNDS = (2500, 2500, 2500, 3000, 3000, 4000)  # £17,500


def demo_amounts() -> list[int]:
    """The 120 demo donations in pounds, in the order they arrived (£31,000 in all)."""
    small = list(SMALL_POUNDS) * 12
    medium = list(MEDIUM_POUNDS) * 6
    amounts: list[int] = []
    # Spread the larger gifts through the small ones, as a real appeal's come in.
    for index, pounds in enumerate(small):
        amounts.append(pounds)
        if index % 4 == 3 and medium:
            amounts.append(medium.pop(0))
        if index % 16 == 15:
            amounts.append(LARGE_POUNDS[index // 16])
    return amounts


@transaction.atomic
def create_demo_appeal(*, now: datetime) -> Campaign:
    """Create the demo appeal (running from 20 days ago to 40 days ahead) and its donations."""
    campaign, _ = Campaign.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": NAME,
            "summary": SUMMARY,
            "story": STORY,
            "target_pence": 50_000 * 100,
            "currency": "GBP",
            "starts_at": now - timedelta(days=20),
            "ends_at": now + timedelta(days=40),
            "suggested_amounts": "5,10,25,50",
            "live": True,
        },
    )
    amounts = demo_amounts()
    step = timedelta(days=20) / len(amounts)
    for number, pounds in enumerate(amounts, start=1):
        donation_record(
            campaign_id=campaign.pk,
            amount_pence=pounds * 100,
            currency="GBP",
            monthly=number % 5 == 0,
            email=f"supporter{number:03d}@example.com",
            user_id=None,
            provider="demo",
            reference=f"demo-seed-{number:03d}",
            send_receipt=False,  # seeded history: nobody to thank
            created_at=campaign.starts_at + step * (number - 1),
        )
    return campaign
