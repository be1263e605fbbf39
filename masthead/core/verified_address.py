"""The one address an account may act for: its own, once verified.

Anyone can register with someone else's address. Until its owner follows
the verification link, the account must not join or leave letters in that
address's name, nor see, export or delete what was given under it.
"""

from __future__ import annotations


def verified_address(user) -> str | None:
    """The account's address if allauth has it verified, else None (and None for no account)."""
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False) or not user.email:
        return None
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return user.email if verified.exists() else None
