"""A registry a lower floor offers and the features fill in their ``AppConfig.ready()``.

The way Wagtail's ``hooks.register`` lets any app add to the admin without
the admin importing it: the access service and the delivery layer ask their
registries, and never name the features that answer. Registration order is
``INSTALLED_APPS`` order; the items are kept as a tuple, so asking costs
nothing on the reader's path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: tuple[T, ...] = ()

    def register(self, item: T) -> T:
        """Add ``item`` once (usable as a decorator); registering it again changes nothing."""
        if item not in self.items:
            self.items = (*self.items, item)
        return item

    def unregister(self, item: T) -> None:
        self.items = tuple(known for known in self.items if known != item)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self.items)} registered>"
