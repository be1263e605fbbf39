"""Signed values in newsletter links, each kind with a salt of its own.

A confirmation link cannot be turned into an unsubscribe link or a
"Continue reading" link, nor the other way round (see the warning about
salts in ``django/core/signing.py``). Tokens are compact (``Signer``, not
``dumps``): every recipient of an edition gets several.
"""

from __future__ import annotations

from django.core import signing

CONFIRM_SALT = "masthead.newsletters.confirm"
UNSUBSCRIBE_SALT = "masthead.newsletters.unsubscribe"
CONTINUE_SALT = "masthead.newsletters.continue"
CONFIRM_MAX_AGE = 7 * 24 * 3600

_unsubscribe = signing.Signer(salt=UNSUBSCRIBE_SALT)
_continue = signing.Signer(salt=CONTINUE_SALT)


def confirm_token(signup_id: int) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(signup_id))


def signup_from_confirm_token(token: str) -> int | None:
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
        return int(value)
    except (signing.BadSignature, ValueError):
        return None


def unsubscribe_token(signup_id: int, edition_id: int = 0) -> str:
    """Never expires: an unsubscribe link in a year-old email must still work."""
    return _unsubscribe.sign(f"{signup_id}.{edition_id}")


def from_unsubscribe_token(token: str) -> tuple[int, int] | None:
    try:
        signup_id, edition_id = _unsubscribe.unsign(token).split(".")
        return int(signup_id), int(edition_id)
    except (signing.BadSignature, ValueError):
        return None


def continue_token(edition_id: int, delivery_id: int, article_id: int) -> str:
    return _continue.sign(f"{edition_id}.{delivery_id}.{article_id}")


def from_continue_token(token: str) -> tuple[int, int, int] | None:
    try:
        edition_id, delivery_id, article_id = _continue.unsign(token).split(".")
        return int(edition_id), int(delivery_id), int(article_id)
    except (signing.BadSignature, ValueError):
        return None
