"""Which institution a reader reads through: by network address or by a verified email domain."""

from __future__ import annotations


def institution_for_address(address: str | None) -> int | None:
    """The institution whose ranges hold this address (as seen through trusted proxies), or None.

    Called on every reader's request: it must not query the database each time.
    Not built yet: no address belongs to an institution.
    """
    return None


def institution_for_account(user_id: int) -> int | None:
    """The institution at whose email domain the account has a verified address, or None.

    Not built yet: no address belongs to an institution.
    """
    return None
