"""Reads for gift links: the publisher's rules, a giver's month, a giver's links and their reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q

from masthead.core.kept import kept_until_changed
from masthead.gifts.models import GiftLink, GiftRead, GiftSettings
from masthead.gifts.verdict import GiftRules


@kept_until_changed("rules")
def gift_rules() -> GiftRules:
    """The publisher's gift rules as saved now (no query until a save bumps ``rules``)."""
    saved = GiftSettings.objects.order_by("pk").first()
    return saved.as_rules() if saved else GiftRules()


def links_made(giver_id: int, period: str) -> int:
    return GiftLink.objects.filter(giver_id=giver_id, period=period).count()


@dataclass(frozen=True)
class GiftSummary:
    """One line of the giver's list on ``/account/``."""

    gift_id: int
    article_title: str
    article_url: str
    created_at: datetime
    expires_at: datetime
    revoked: bool
    expired: bool
    readers: int
    cap: int
    registered: int  # readers who made an account after reading
    subscribed: int  # readers who subscribed after reading

    @property
    def opens(self) -> bool:
        """Whether the link still opens its story, so the giver may copy it to send again."""
        return not (self.revoked or self.expired) and bool(self.article_url)


def gifts_of(giver_id: int, *, now: datetime, limit: int = 50) -> list[GiftSummary]:
    """The giver's newest links, with what their readers did next (two queries)."""
    from masthead.subscriptions.models import Subscription

    links = list(
        GiftLink.objects.filter(giver_id=giver_id)
        .select_related("article")
        .annotate(
            registered=Count(
                "reads",
                filter=Q(reads__account__date_joined__gte=F("reads__read_at")),
            )
        )
        .order_by("-created_at")[:limit]
    )
    subscribed_after = Subscription.objects.filter(
        user=OuterRef("account"), created_at__gte=OuterRef("read_at")
    )
    subscribed = dict(
        GiftRead.objects.filter(gift__in=[link.pk for link in links])
        .filter(Exists(subscribed_after))
        .values("gift")
        .annotate(n=Count("pk"))
        .values_list("gift", "n")
    )
    return [
        GiftSummary(
            gift_id=link.pk,
            article_title=link.article.title,
            article_url=link.article.url or "",
            created_at=link.created_at,
            expires_at=link.expires_at,
            revoked=link.revoked_at is not None,
            expired=now >= link.expires_at,
            readers=link.reader_count,
            cap=link.reader_cap,
            registered=link.registered,
            subscribed=subscribed.get(link.pk, 0),
        )
        for link in links
    ]


def gifts_export(user) -> dict:
    """The reader's gift links and the gifts they read, for their data export."""
    given = GiftLink.objects.filter(giver=user).select_related("article").order_by("created_at")
    read = GiftRead.objects.filter(account=user).select_related("gift__article")
    return {
        "given": [
            {
                "story": link.article.title,
                "made_at": link.created_at.isoformat(),
                "ends_at": link.expires_at.isoformat(),
                "withdrawn_at": link.revoked_at.isoformat() if link.revoked_at else None,
                "readers": link.reader_count,
            }
            for link in given
        ],
        "read": [{"story": r.gift.article.title, "read_at": r.read_at.isoformat()} for r in read],
    }
