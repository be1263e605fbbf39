"""Which variant of a test a reader sees.

A reader is identified by their meter identity, or by their account once they
are logged in; the caller decides which string that is. The variant is a pure
function of that identity, the test's slug and the shares, so it sticks across
pages, days and servers without anything being stored: the same reader asks
for the same test and gets the same answer.

The identity goes through BLAKE2b keyed by (a digest of) the test's slug, and
the first eight bytes of the digest become a number spread evenly over
[0, 1). The shares cut that interval into consecutive slices, one per variant,
in the order the caller gives them. Because the slug is the key, two tests
split the same readers independently of each other: being in B of one test
says nothing about which variant of another test a reader is in.

A holdout, a group that sees no ask at all, is simply one more entry in the
shares, under whatever name the caller gives it. Changing the shares of a
running test moves readers between variants, so shares are fixed when a test
starts.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

MIN_VARIANTS = 2
MAX_VARIANTS = 5  # up to four variants and a holdout
SHARE_TOLERANCE = 1e-9

_DIGEST_BYTES = 8
_SCALE = 2 ** (8 * _DIGEST_BYTES)


def validate_shares(shares: Sequence[tuple[str, float]]) -> None:
    """Raise ValueError unless `shares` is a usable split of readers.

    Two to five entries (a holdout counts as one), each a non-empty name seen
    once and a positive share, the shares adding up to 1.
    """
    count = len(shares)
    if not MIN_VARIANTS <= count <= MAX_VARIANTS:
        raise ValueError(
            f"A test needs between {MIN_VARIANTS} and {MAX_VARIANTS} variants, counting any "
            f"holdout; it has {count}."
        )
    names = [name for name, _ in shares]
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"Every variant needs a name; got {name!r}.")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"Variant names must differ; {', '.join(duplicates)} appears twice.")
    for name, share in shares:
        if not isinstance(share, int | float) or isinstance(share, bool):
            raise ValueError(f"The share of {name} must be a number; got {share!r}.")
        if not math.isfinite(share) or share <= 0:
            raise ValueError(f"The share of {name} must be more than 0; it is {share}.")
    total = math.fsum(share for _, share in shares)
    if abs(total - 1) > SHARE_TOLERANCE:
        raise ValueError(f"The shares must add up to 1; they add up to {total:g}.")


def position_for(identity: str, experiment_slug: str) -> float:
    """The reader's place in [0, 1) for this test, the same on every call."""
    if not identity:
        raise ValueError("A reader needs an identity to be assigned a variant.")
    if not experiment_slug:
        raise ValueError("A test needs a slug to assign variants.")
    digest = hashlib.blake2b(
        identity.encode("utf-8"),
        digest_size=_DIGEST_BYTES,
        key=hashlib.blake2b(experiment_slug.encode("utf-8"), digest_size=32).digest(),
        person=b"masthead-ab",
    ).digest()
    return int.from_bytes(digest, "big") / _SCALE


def variant_for(identity: str, experiment_slug: str, shares: Sequence[tuple[str, float]]) -> str:
    """The name of the variant this reader sees in this test."""
    validate_shares(shares)
    position = position_for(identity, experiment_slug)
    edge = 0.0
    for name, share in shares:
        edge += share
        if position < edge:
            return name
    # The shares may add up to a hair under 1; the last slice takes the rest.
    return shares[-1][0]
