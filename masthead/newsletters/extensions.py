"""What other features change in the newsletter sign-up prompt, registered in ``ready()``.

- :data:`prompt_copy`: functions ``(request, access) -> PromptCopy | None``
  choosing the prompt's words and button for this reader (a test of the ask
  gives each reader their variant's, or none for its holdout). The first
  that answers wins; None everywhere leaves the newsletter's own words.
- :data:`prompt_varies`: functions ``() -> bool`` saying whether, this
  moment, the prompt differs from reader to reader (a test is running), so
  a page carrying it is never shared with caches downstream.

Newsletters names none of the features that answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from masthead.core.registry import Registry


@dataclass(frozen=True)
class PromptCopy:
    variant: str  # whose copy: the prompt is rendered once per variant and kept
    text: str = ""
    button: str = ""
    hidden: bool = False  # a holdout: no prompt at all


prompt_copy: Registry[Callable[[object, object], PromptCopy | None]] = Registry(
    "newsletter prompt copy"
)
prompt_varies: Registry[Callable[[], bool]] = Registry("newsletter prompt varies")


def copy_for(request, access) -> PromptCopy | None:
    for choose in prompt_copy.items:
        copy = choose(request, access)
        if copy is not None:
            return copy
    return None


def prompt_differs() -> bool:
    return any(varies() for varies in prompt_varies.items)
