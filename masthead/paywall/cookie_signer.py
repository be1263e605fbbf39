"""The reader cookie's signer, made once per secret rather than on every request.

``set_signed_cookie`` and ``get_signed_cookie`` build a new signer each call,
and each signature derives its HMAC key again (a SHA-256 of salt and secret).
This signer gives the same signed values as Django's cookie signer for the same
cookie name and salt; it is kept until the secret, its fallbacks or the signing
backend change (tests that override them get a new one).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core import signing

_DJANGO_SIGNER = "django.core.signing.TimestampSigner"


class _DerivedKeySigner(signing.TimestampSigner):
    """A ``TimestampSigner`` that keeps the derived HMAC key of each of its keys."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        salt = (self.salt + "signer").encode()
        self._derived = {
            key: hashlib.sha256(salt + key).digest() for key in (self.key, *self.fallback_keys)
        }

    def signature(self, value, key=None):
        derived = self._derived[key or self.key]
        digest = hmac.new(derived, msg=value.encode(), digestmod=hashlib.sha256).digest()
        return signing.b64_encode(digest).decode()


_signers: dict[tuple, signing.Signer] = {}


def cookie_signer(cookie_name: str, salt: str) -> signing.Signer:
    """The signer Django would use for this cookie (Django's own on another signing backend)."""
    if settings.SIGNING_BACKEND != _DJANGO_SIGNER:
        return signing.get_cookie_signer(salt=signing._cookie_signer_salt(cookie_name, salt))
    fallbacks = tuple(settings.SECRET_KEY_FALLBACKS)
    ident = (cookie_name, salt, settings.SECRET_KEY, fallbacks)
    signer = _signers.get(ident)
    if signer is None:
        if len(_signers) > 16:
            _signers.clear()
        signer = _signers[ident] = _DerivedKeySigner(
            key=signing._cookie_signer_key(settings.SECRET_KEY),
            fallback_keys=[signing._cookie_signer_key(k) for k in fallbacks],
            salt=signing._cookie_signer_salt(cookie_name, salt),
        )
    return signer
