"""What each edition did, measured without a pixel: sent, bounced, left, clicked, read, subscribed.

A reader "subscribed after a click" when a subscription of theirs began within
seven days after they followed a link in the edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q

from masthead.newsletters.models import Click, Edition, Signup

CONVERSION_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class EditionFigures:
    edition: Edition
    sent: int
    unconfirmed: int  # sent, but the sender died before the server said it had it
    bounced: int
    unsubscribed: int
    clicks: int
    readers_who_clicked: int
    full_reads: int
    subscribed_after_click: int


def subscribed_within(clicks: list[tuple[int, object]], starts: dict[int, list]) -> int:
    """Readers (by account) with a subscription starting within the window after a click."""
    converted = set()
    for user_id, clicked_at in clicks:
        if any(
            clicked_at <= start <= clicked_at + CONVERSION_WINDOW
            for start in starts.get(user_id, [])
        ):
            converted.add(user_id)
    return len(converted)


def edition_figures(limit: int = 20) -> list[EditionFigures]:
    from masthead.subscriptions.models import Subscription

    editions = list(
        Edition.objects.exclude(status=Edition.Status.DRAFT)
        .select_related("newsletter")
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status__in=["sent", "bounced"])),
            bounced=Count("deliveries", filter=Q(deliveries__status="bounced")),
            unconfirmed=Count(
                "deliveries",
                filter=Q(deliveries__status="sent", deliveries__confirmed_at__isnull=True),
            ),
        )
        .order_by("-date", "-pk")[:limit]
    )
    ids = [edition.pk for edition in editions]
    left = dict(
        Signup.objects.filter(unsubscribed_from__in=ids)
        .values_list("unsubscribed_from")
        .annotate(n=Count("pk"))
    )
    clicks: dict[int, list[Click]] = {}
    for click in Click.objects.filter(edition__in=ids).only(
        "edition_id", "delivery_id", "user_id", "full_read", "created_at"
    ):
        clicks.setdefault(click.edition_id, []).append(click)
    users = {c.user_id for cs in clicks.values() for c in cs if c.user_id}
    starts: dict[int, list] = {}
    for user_id, created in Subscription.objects.filter(user__in=users).values_list(
        "user_id", "created_at"
    ):
        starts.setdefault(user_id, []).append(created)
    figures = []
    for edition in editions:
        its = clicks.get(edition.pk, [])
        figures.append(
            EditionFigures(
                edition=edition,
                sent=edition.sent,
                unconfirmed=edition.unconfirmed if edition.status == Edition.Status.SENT else 0,
                bounced=edition.bounced,
                unsubscribed=left.get(edition.pk, 0),
                clicks=len(its),
                readers_who_clicked=len({c.delivery_id or f"u{c.user_id}" for c in its}),
                full_reads=sum(1 for c in its if c.full_read),
                subscribed_after_click=subscribed_within(
                    [(c.user_id, c.created_at) for c in its if c.user_id], starts
                ),
            )
        )
    return figures
