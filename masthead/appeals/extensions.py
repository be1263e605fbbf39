"""What other features change in the appeal's ask, registered in their ``AppConfig.ready()``.

- :data:`banner_copy`: functions ``(request, access) -> AskCopy | None``
  choosing the words of the appeal banner for this reader (a test of the
  ask gives each reader their variant's copy, or none for its holdout).
  The first that answers wins; None everywhere leaves the appeal's own words.
- :data:`banner_varies`: functions ``() -> bool`` saying whether, this
  moment, the banner differs from reader to reader (a test is running), so
  a page carrying it is never shared with caches downstream.

Appeals names none of the features that answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from masthead.core.registry import Registry


@dataclass(frozen=True)
class AskCopy:
    variant: str  # whose copy: the banner is rendered once per variant and kept
    text: str = ""
    button: str = ""
    hidden: bool = False  # a holdout: no ask at all


banner_copy: Registry[Callable[[object, object], AskCopy | None]] = Registry("appeal banner copy")
banner_varies: Registry[Callable[[], bool]] = Registry("appeal banner varies")


def copy_for(request, access) -> AskCopy | None:
    for choose in banner_copy.items:
        copy = choose(request, access)
        if copy is not None:
            return copy
    return None


def banner_differs() -> bool:
    return any(varies() for varies in banner_varies.items)
