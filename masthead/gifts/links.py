"""A gift link's address: the story's own URL with ``?gift=<token>``.

The token is the link's id signed with Django's signing and a salt of its
own, so that no other signed value of the site (the meter cookie, a
newsletter's click) can stand in for it. It holds the id and nothing more:
what the link grants is looked up, so editing the token breaks its
signature, and revoking or expiring a link needs no new token.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.core import signing

GIFT_PARAMETER = "gift"
GIFT_SALT = "masthead.gifts.link"
_ID = re.compile(r"^[1-9][0-9]{0,17}$")
LONGEST_TOKEN = 100


def gift_token(gift_id: int) -> str:
    return signing.Signer(salt=GIFT_SALT).sign(str(gift_id))


def gift_id_from(token: str) -> int | None:
    """The id the token's signature vouches for, or None for a forged or edited token."""
    if not token or len(token) > LONGEST_TOKEN:
        return None
    try:
        value = signing.Signer(salt=GIFT_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if _ID.match(value) else None


def gift_url(article_url: str, gift_id: int) -> str:
    return f"{article_url}?{urlencode({GIFT_PARAMETER: gift_token(gift_id)})}"
