"""The demo's gift link: the subscriber sent the lead story, and a friend read it and registered."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from masthead.gifts.models import GiftLink, GiftRead
from masthead.gifts.services import gift_create
from masthead.gifts.verdict import GiftRules
from masthead.news.models import ArticlePage

GIVER = "subscriber@example.com"
FRIEND = "reader@example.com"
STORY = "ardmouth-strike-ends-as-first-ships-unload"


def create_demo_gifts(*, now: datetime) -> GiftLink | None:
    User = get_user_model()
    giver = User.objects.filter(email=GIVER).first()
    friend = User.objects.filter(email=FRIEND).first()
    story = ArticlePage.objects.live().filter(slug=STORY).first()
    if giver is None or story is None:
        return None
    gift = gift_create(giver=giver, article=story, rules=GiftRules(), now=now - timedelta(days=2))
    read = GiftRead.objects.create(gift=gift, reader_key="anon:demo-gift-friend", account=friend)
    GiftRead.objects.filter(pk=read.pk).update(read_at=now - timedelta(days=2))
    GiftLink.objects.filter(pk=gift.pk).update(reader_count=1, created_at=now - timedelta(days=2))
    return gift
